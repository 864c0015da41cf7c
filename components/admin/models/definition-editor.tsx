"use client";
import type { ReactNode } from "react";
import { useFormContext, type FieldErrors } from "react-hook-form";
import { useLocale, useT } from "@/components/i18n/provider";
import { Card } from "@/components/ui/card";
import type { Bin, Indicator, MasterScale, ModelDefinition } from "@/server/domain/scoring";

/** `indicators.0.bins.1.lt` -> a DOM id; the same path the server names in its field errors. */
export const inputId = (path: string) => `m-${path.replace(/\./g, "-")}`;

export function errorAt(errors: FieldErrors, path: string): string | undefined {
  let cur: unknown = errors;
  for (const part of path.split(".")) cur = (cur as Record<string, unknown> | undefined)?.[part];
  return (cur as { message?: string } | undefined)?.message;
}

const numberOrNull = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));
const numberOrUndefined = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));
const numberRequired = (v: unknown) => (v === "" || v === null || v === undefined ? Number.NaN : Number(v));

/** A number shown as text, or as an input bound to `path` when the version is an editable draft. */
function NumberCell({ path, value, editable, label, nullable, optional, hint }: { path: string; value: number | null | undefined; editable: boolean; label: string; nullable?: boolean; optional?: boolean; hint?: string }) {
  const { register, formState } = useFormContext();
  const error = errorAt(formState.errors, path);
  if (!editable) return <span className="tabular-nums">{value === null || value === undefined ? "—" : value}</span>;
  const id = inputId(path);
  return (
    <div>
      <input
        id={id}
        type="number"
        step="any"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        placeholder={hint}
        className={`w-28 rounded border px-2 py-1 text-sm tabular-nums ${error ? "border-red-500" : "border-slate-300"}`}
        {...register(path, { setValueAs: nullable ? numberOrNull : optional ? numberOrUndefined : numberRequired })}
      />
      {error ? <p id={`${id}-error`} className="mt-1 max-w-xs text-xs text-red-700" data-field-error={path}>{error}</p> : null}
    </div>
  );
}

/** Errors the server reported on a part with no input of its own (an indicator, a bin list). */
function PartError({ path }: { path: string }) {
  const { formState } = useFormContext();
  const own = errorAt(formState.errors, path);
  return own ? <p className="text-xs text-red-700" data-field-error={path}>{own}</p> : null;
}

function rangeOf(bins: readonly Bin[], j: number): string {
  const prev = j > 0 ? bins[j - 1] : undefined;
  const open = prev ? `${prev.inclusive ? "(" : "["}${prev.lt}` : "(−∞";
  const b = bins[j];
  const close = b.lt === null ? "+∞)" : `${b.lt}${b.inclusive ? "]" : ")"}`;
  return `${open}, ${close}`;
}

function IndicatorCard({ indicator, index, editable, isPd }: { indicator: Indicator; index: number; editable: boolean; isPd: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { register } = useFormContext();
  const p = `indicators.${index}`;
  return (
    <div className="rounded border border-slate-200 p-3" data-testid={`indicator-${indicator.key}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-800">
          {locale === "zh" ? indicator.name.zh : indicator.name.en} <span className="font-mono text-xs text-slate-500">{indicator.key}</span>
        </h3>
        <p className="text-xs text-slate-500">
          {t("models.group")}: {indicator.group} · {t(`models.source.${indicator.source}`)}
          {indicator.formula ? <> · <code>{indicator.formula}</code></> : indicator.fact ? <> · <code>{indicator.fact}</code></> : null}
          {indicator.monotonic ? <> · {t("models.monotonic")}: {indicator.monotonic}</> : null}
        </p>
      </div>
      <PartError path={p} />
      <dl className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
        <div><dt className="text-xs text-slate-500">{t("models.missing")}</dt><dd><NumberCell path={`${p}.missing`} value={indicator.missing} editable={editable} label={`${indicator.key} ${t("models.missing")}`} /></dd></div>
        {isPd ? <div><dt className="text-xs text-slate-500">{t("models.coefficient")}</dt><dd><NumberCell path={`${p}.coefficient`} value={indicator.coefficient} editable={editable} label={`${indicator.key} ${t("models.coefficient")}`} /></dd></div> : null}
        <div><dt className="text-xs text-slate-500">{t("models.weightAdjust")}</dt><dd><NumberCell path={`${p}.weightAdjust`} value={indicator.weightAdjust} optional editable={editable} label={`${indicator.key} ${t("models.weightAdjust")}`} /></dd></div>
      </dl>
      {indicator.bins ? (
        <div className="mt-3 overflow-x-auto">
          <PartError path={`${p}.bins`} />
          <table className="min-w-full text-sm">
            <caption className="sr-only">{indicator.key} {t("models.bins")}</caption>
            <thead className="text-left text-xs text-slate-500">
              <tr><th scope="col" className="pr-4">#</th><th scope="col" className="pr-4">{t("models.bin.range")}</th><th scope="col" className="pr-4">{t("models.bin.upper")}</th><th scope="col" className="pr-4">{t("models.bin.inclusive")}</th><th scope="col">{t("models.points")}</th></tr>
            </thead>
            <tbody>
              {indicator.bins.map((b, j) => (
                <tr key={j} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-4 text-slate-500">{j + 1}</td>
                  <td className="py-1 pr-4 font-mono text-xs">{rangeOf(indicator.bins!, j)}</td>
                  <td className="py-1 pr-4"><NumberCell path={`${p}.bins.${j}.lt`} value={b.lt} nullable editable={editable} label={`${indicator.key} ${t("models.bins")} ${j + 1} ${t("models.bin.upper")}`} hint={t("models.bin.upperHint")} /></td>
                  <td className="py-1 pr-4">
                    {editable ? (
                      <input type="checkbox" id={inputId(`${p}.bins.${j}.inclusive`)} aria-label={`${indicator.key} ${t("models.bins")} ${j + 1} ${t("models.bin.inclusive")}`} {...register(`${p}.bins.${j}.inclusive`)} />
                    ) : b.inclusive ? "✓" : ""}
                    <PartError path={`${p}.bins.${j}.inclusive`} />
                  </td>
                  <td className="py-1"><NumberCell path={`${p}.bins.${j}.value`} value={b.value} editable={editable} label={`${indicator.key} ${t("models.bins")} ${j + 1} ${t("models.points")}`} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {indicator.options ? (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{indicator.key} {t("models.options")}</caption>
            <thead className="text-left text-xs text-slate-500"><tr><th scope="col" className="pr-4">{t("models.option.code")}</th><th scope="col" className="pr-4">{t("models.option.label")}</th><th scope="col">{t("models.points")}</th></tr></thead>
            <tbody>
              {indicator.options.map((o, j) => (
                <tr key={o.code} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-4 font-mono text-xs">{o.code}</td>
                  <td className="py-1 pr-4">{locale === "zh" ? o.label.zh : o.label.en}</td>
                  <td className="py-1"><NumberCell path={`${p}.options.${j}.value`} value={o.value} editable={editable} label={`${indicator.key} ${o.code} ${t("models.points")}`} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return <Card title={title}><div data-testid={testId}>{children}</div></Card>;
}

/** The whole definition, readable; inputs for the parts an admin tunes when `editable`. */
export function DefinitionEditor({ definition, scale, editable }: { definition: ModelDefinition; scale: MasterScale; editable: boolean }) {
  const t = useT();
  const locale = useLocale();
  const isPd = definition.kind === "pd_logistic";
  return (
    <div className="space-y-6">
      <Section title={t("models.indicators")}>
        <div className="space-y-3">
          {definition.indicators.map((ind, i) => <IndicatorCard key={ind.key} indicator={ind} index={i} editable={editable} isPd={isPd} />)}
        </div>
      </Section>
      <div className="grid gap-6 xl:grid-cols-2">
        {isPd ? (
          <Section title={`${t("models.intercept")} · ${t("models.scoreScale")}`}>
            <div className="flex flex-wrap gap-4 text-sm">
              <label className="space-y-1"><span className="block text-xs text-slate-500">{t("models.intercept")}</span><NumberCell path="intercept" value={definition.intercept} editable={editable} label={t("models.intercept")} /></label>
              {(["baseScore", "baseOdds", "pdo"] as const).map((k) => (
                <label key={k} className="space-y-1"><span className="block text-xs text-slate-500">{k}</span><NumberCell path={`scoreScale.${k}`} value={definition.scoreScale?.[k]} editable={editable} label={k} /></label>
              ))}
            </div>
          </Section>
        ) : (
          <Section title={t("models.gradeBands")} testId="grade-bands">
            <PartError path="gradeBands" />
            <table className="min-w-full text-sm">
              <thead className="text-left text-xs text-slate-500"><tr><th scope="col" className="pr-4">{t("models.grade")}</th><th scope="col">{t("models.minScore")}</th></tr></thead>
              <tbody>
                {(definition.gradeBands ?? []).map((b, i) => (
                  <tr key={b.grade} className="border-t border-slate-100 align-top">
                    <td className="py-1 pr-4 font-mono">{b.grade}</td>
                    <td className="py-1"><NumberCell path={`gradeBands.${i}.minScore`} value={b.minScore} editable={editable} label={`${b.grade} ${t("models.minScore")}`} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        )}
        <Section title={t("models.scale")}>
          <table className="min-w-full text-sm" data-testid="master-scale">
            <thead className="text-left text-xs text-slate-500"><tr><th scope="col" className="pr-4">{t("models.grade")}</th><th scope="col" className="pr-4">{t("models.scale.maxPd")}</th><th scope="col">{t("models.scale.pd")}</th></tr></thead>
            <tbody>
              {scale.grades.map((g) => (
                <tr key={g.grade} className="border-t border-slate-100"><td className="py-1 pr-4 font-mono">{g.grade}</td><td className="py-1 pr-4 tabular-nums">{g.maxPd === null ? "—" : `${(g.maxPd * 100).toFixed(2)}%`}</td><td className="py-1 tabular-nums">{(g.pd * 100).toFixed(2)}%</td></tr>
              ))}
            </tbody>
          </table>
        </Section>
      </div>
      <Section title={t("models.caps")}>
        <ul className="space-y-1 text-sm">
          {definition.caps.map((c, i) => (
            <li key={i}>
              <code className="text-xs">{c.when.indicator ?? c.when.fact} {c.when.op} {String(c.when.value)}</code> → {t("models.cap.maxGrade")} <b>{c.maxGrade}</b> · {locale === "zh" ? c.reason.zh : c.reason.en}
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm">{t("models.overrideMaxNotches")}: <NumberCell path="overrideMaxNotches" value={definition.overrideMaxNotches} editable={editable} label={t("models.overrideMaxNotches")} /></p>
      </Section>
    </div>
  );
}
