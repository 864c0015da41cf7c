"use client";
import { useState } from "react";
import { useLocale, useT } from "@/components/i18n/provider";
import { STATEMENT_ITEMS } from "@/components/customers/statement-items";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { fieldErrorsOf, messageOf } from "@/components/trpc/errors";
import { PERSONAL_FINANCE_KEYS } from "@/server/domain/rating-input/personal-finances";

interface Fact {
  key: string;
  kind: "number" | "choice";
  label?: { en: string; zh: string };
  options?: { code: string; label: { en: string; zh: string } }[];
}
interface Inputs {
  period: string | null;
  statements: { current: Record<string, number>; previous: Record<string, number> };
  answers: Record<string, string>;
}

const DERIVED = new Set(["overdue_count_24m", "worst_overdue_days_24m", "defaults_24m", "existing_debt_balance", "age", "years_in_business", "annual_income"]);

/** Statements (current and previous period) and the model's facts, editable while the user holds the application. */
export function InputsForm({ inputs, facts, editable, withStatements, personal = false, onSave }: { inputs: Inputs; facts: Fact[]; editable: boolean; withStatements: boolean; personal?: boolean; onSave: (v: { statements?: Inputs["statements"]; answers: Record<string, string>; balanceAcceptedReason?: string }) => Promise<unknown> }) {
  const t = useT();
  const locale = useLocale();
  const [current, setCurrent] = useState(() => Object.fromEntries(Object.entries(inputs.statements.current).map(([k, v]) => [k, String(v)])));
  const [previous, setPrevious] = useState(() => Object.fromEntries(Object.entries(inputs.statements.previous).map(([k, v]) => [k, String(v)])));
  const [answers, setAnswers] = useState<Record<string, string>>(inputs.answers);
  const [accept, setAccept] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const toNumbers = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, Number(v.replace(/,/g, ""))]));

  const save = async () => {
    setErrors({});
    setMessage(null);
    try {
      await onSave({ ...(withStatements ? { statements: { current: toNumbers(current), previous: toNumbers(previous) } } : {}), answers, ...(accept.trim() ? { balanceAcceptedReason: accept.trim() } : {}) });
      setMessage({ kind: "success", text: t("workflow.saved") });
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setErrors(Object.fromEntries(fields.map((f) => [f.path, f.message])));
      setMessage({ kind: "error", text: messageOf(e) });
    }
  };
  const asked = facts.filter((f) => !DERIVED.has(f.key));
  const name = (f: Fact) => (f.label ? (locale === "zh" ? f.label.zh : f.label.en) : f.key);

  return (
    <div className="space-y-6">
      {withStatements ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="statements-form">
            <thead className="text-slate-500">
              <tr><th className="py-1 text-left">{t("workflow.financials")} {inputs.period ? `(${inputs.period})` : ""}</th><th className="text-right">{t("workflow.current")}</th><th className="text-right">{t("workflow.previous")}</th></tr>
            </thead>
            <tbody>
              {STATEMENT_ITEMS.map((item) => (
                <tr key={item.code} className="border-t border-slate-100">
                  <td className="py-1 pr-2"><label htmlFor={`cur-${item.code}`}>{locale === "zh" ? item.zh : item.en}</label> <span className="text-xs text-slate-400">{item.code}</span></td>
                  {(["current", "previous"] as const).map((side) => {
                    const path = `statements.${side}.${item.code}`;
                    const values = side === "current" ? current : previous;
                    const set = side === "current" ? setCurrent : setPrevious;
                    return (
                      <td key={side} className="py-1 pl-2 text-right align-top">
                        <input
                          id={side === "current" ? `cur-${item.code}` : `prev-${item.code}`}
                          aria-label={`${item.code} ${side}`}
                          inputMode="decimal"
                          disabled={!editable}
                          aria-invalid={errors[path] ? true : undefined}
                          className={`w-40 rounded border px-2 py-1 text-right tabular-nums ${errors[path] ? "border-red-500" : "border-slate-300"} disabled:bg-slate-50`}
                          value={values[item.code] ?? ""}
                          onChange={(e) => set({ ...values, [item.code]: e.target.value })}
                        />
                        {errors[path] ? <div className="text-xs text-red-700" data-field-error={path}>{errors[path]}</div> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {editable && Object.values(errors).some(Boolean) ? (
            <div className="mt-3 max-w-xl">
              <label className="block text-sm" htmlFor="balance-accept">{t("workflow.balanceAccept")}</label>
              <input id="balance-accept" className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm" value={accept} onChange={(e) => setAccept(e.target.value)} />
            </div>
          ) : null}
        </div>
      ) : null}
      {personal ? (
        <fieldset data-testid="personal-finances">
          <legend className="mb-2 text-sm font-semibold">{t("workflow.personalFinances")}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {PERSONAL_FINANCE_KEYS.map((key) => (
              <div key={key}>
                <label htmlFor={`fact-${key}`} className="block text-sm text-slate-700">{t(`workflow.${key}`)}</label>
                <input id={`fact-${key}`} disabled={!editable} inputMode="decimal" aria-invalid={errors[`answers.${key}`] ? true : undefined}
                  className={`mt-1 w-full rounded border px-2 py-1 text-sm ${errors[`answers.${key}`] ? "border-red-500" : "border-slate-300"}`}
                  value={answers[key] ?? ""} onChange={(e) => setAnswers({ ...answers, [key]: e.target.value })} />
                {errors[`answers.${key}`] ? <div className="text-xs text-red-700" data-field-error={`answers.${key}`}>{errors[`answers.${key}`]}</div> : null}
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
      {asked.length ? (
        <fieldset>
          <legend className="mb-2 text-sm font-semibold">{t("workflow.qualitative")}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {asked.map((f) => (
              <div key={f.key}>
                <label htmlFor={`fact-${f.key}`} className="block text-sm text-slate-700">{name(f)}</label>
                {f.kind === "choice" ? (
                  <select id={`fact-${f.key}`} disabled={!editable} className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm" value={answers[f.key] ?? ""} onChange={(e) => setAnswers({ ...answers, [f.key]: e.target.value })}>
                    <option value="">—</option>
                    {f.options?.map((o) => <option key={o.code} value={o.code}>{locale === "zh" ? o.label.zh : o.label.en}</option>)}
                  </select>
                ) : (
                  <input id={`fact-${f.key}`} disabled={!editable} inputMode="decimal" className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm" value={answers[f.key] ?? ""} onChange={(e) => setAnswers({ ...answers, [f.key]: e.target.value })} />
                )}
                {errors[`answers.${f.key}`] ? <div className="text-xs text-red-700">{errors[`answers.${f.key}`]}</div> : null}
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
      {editable ? <Button type="button" onClick={save} data-testid="save-inputs">{t("workflow.saveDraft")}</Button> : null}
    </div>
  );
}
