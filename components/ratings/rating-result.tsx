"use client";
import { useLocale, useT } from "@/components/i18n/provider";

interface Indicator { key: string; group: string; raw: number | string | null; value: number; multiplier: number; contribution: number; missing: boolean }
interface Result { score: string; pd: string; modelGrade: string; grade: string; debtCapacity: string | null; riskLimit: string | null; explanation: { indicators: Indicator[]; appliedCaps: { maxGrade: string; reason: { en: string; zh: string } }[] } }

/** The system result with its per-factor explanation (input value, points, contribution). */
export function RatingResult({ result, names }: { result: Result; names: Record<string, { en: string; zh: string }> }) {
  const t = useT();
  const locale = useLocale();
  const num = (v: string | number | null, d = 2) => (v == null || v === "" ? "—" : Number(v).toLocaleString(locale, { minimumFractionDigits: d, maximumFractionDigits: d }));
  return (
    <div className="space-y-4" data-testid="rating-result">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {[
          [t("workflow.grade"), <span key="g" className="text-2xl font-bold" data-testid="system-grade">{result.grade}</span>],
          [t("workflow.modelGrade"), result.modelGrade],
          [t("workflow.score"), num(result.score)],
          [t("workflow.pd"), `${(Number(result.pd) * 100).toFixed(3)}%`],
          [t("workflow.riskLimit"), num(result.riskLimit)],
        ].map(([k, v], i) => (
          <div key={i} className="rounded border border-slate-200 p-3"><dt className="text-xs text-slate-500">{k}</dt><dd className="mt-1 font-medium tabular-nums">{v}</dd></div>
        ))}
      </dl>
      {result.explanation.appliedCaps.length ? (
        <p className="text-sm text-amber-800">{t("workflow.caps")}: {result.explanation.appliedCaps.map((c) => `${c.maxGrade} (${locale === "zh" ? c.reason.zh : c.reason.en})`).join("; ")}</p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-slate-500"><tr><th className="py-1">{t("workflow.indicator")}</th><th className="text-right">{t("workflow.raw")}</th><th className="text-right">{t("workflow.points")}</th><th className="text-right">{t("workflow.multiplier")}</th><th className="text-right">{t("workflow.contribution")}</th></tr></thead>
          <tbody>
            {result.explanation.indicators.map((i) => (
              <tr key={i.key} className="border-t border-slate-100">
                <td className="py-1">{names[i.key] ? (locale === "zh" ? names[i.key].zh : names[i.key].en) : i.key} <span className="text-xs text-slate-400">{i.group}</span></td>
                <td className="text-right tabular-nums">{i.missing ? <span className="text-amber-700">{t("workflow.missing")}</span> : typeof i.raw === "number" ? num(i.raw, 4) : String(i.raw)}</td>
                <td className="text-right tabular-nums">{num(i.value, 2)}</td>
                <td className="text-right tabular-nums">{i.multiplier}</td>
                <td className="text-right tabular-nums">{num(i.contribution, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
