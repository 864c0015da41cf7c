"use client";
import { useState } from "react";
import { useLocale, useT } from "@/components/i18n/provider";
import { Button } from "@/components/ui/button";

interface Indicator { key: string; name: { zh: string; en: string }; weightAdjust: number }

/**
 * Direct evaluation by data weights: a multiplier per indicator within the bounds the model allows
 * (1 ± weightAdjust). The server (the engine) refuses anything outside; the inputs here only guide.
 */
export function WeightsForm({ indicators, initial, disabled, onRun }: { indicators: Indicator[]; initial: Record<string, number> | null; disabled: boolean; onRun: (m: Record<string, number>) => void }) {
  const t = useT();
  const locale = useLocale();
  const adjustable = indicators.filter((i) => i.weightAdjust > 0);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(adjustable.map((i) => [i.key, String(initial?.[i.key] ?? 1)])));
  if (!adjustable.length) return null;
  const parsed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)]));
  const invalid = adjustable.filter((i) => !(parsed[i.key] >= 1 - i.weightAdjust - 1e-9 && parsed[i.key] <= 1 + i.weightAdjust + 1e-9)).map((i) => i.key);
  return (
    <details className="mt-4 rounded border border-slate-200 p-3" data-testid="weights">
      <summary className="cursor-pointer text-sm font-medium">{t("workflow.weights")}</summary>
      <p className="mt-2 text-xs text-slate-500">{t("workflow.weightsHelp")}</p>
      <div className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2">
        {adjustable.map((i) => (
          <label key={i.key} className="flex items-center justify-between gap-2 text-sm">
            <span>{i.name[locale]}</span>
            <span className="flex items-center gap-1">
              <input type="number" step="0.01" min={(1 - i.weightAdjust).toFixed(2)} max={(1 + i.weightAdjust).toFixed(2)} value={values[i.key]} disabled={disabled}
                aria-invalid={invalid.includes(i.key)} data-testid={`weight-${i.key}`}
                className={`w-20 rounded border px-2 py-1 text-right ${invalid.includes(i.key) ? "border-red-500" : "border-slate-300"}`}
                onChange={(e) => setValues((v) => ({ ...v, [i.key]: e.target.value }))} />
              <span className="text-xs text-slate-500">{(1 - i.weightAdjust).toFixed(2)}–{(1 + i.weightAdjust).toFixed(2)}</span>
            </span>
          </label>
        ))}
      </div>
      {invalid.length ? <p className="mt-2 text-sm text-red-700" role="alert">{t("workflow.weightsOutOfRange")}</p> : null}
      <Button type="button" variant="secondary" className="mt-3" disabled={disabled || invalid.length > 0} data-testid="run-weights"
        onClick={() => onRun(Object.fromEntries(Object.entries(parsed).filter(([, m]) => m !== 1)))}>
        {t("workflow.runWithWeights")}
      </Button>
    </details>
  );
}
