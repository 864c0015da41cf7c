"use client";
import { useState } from "react";
import { useT } from "@/components/i18n/provider";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { fieldErrorsOf, messageOf } from "@/components/trpc/errors";
import { OverrideReasonSelect } from "./override-reason-select";

const GRADES = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C"];

export interface EvaluationValues {
  grade: string;
  overrideReasonCode?: string;
  overrideReason?: string;
  directOpinion: string;
  conclusionApprove: boolean;
  creditRiskOpinion: string;
  suggestedGrade: string;
}

/** Direct evaluation: keep or adjust the grade (reason needed), opinion, and the preliminary conclusion. */
export function EvaluationForm({ systemGrade, initial, editable, onSave }: { systemGrade: string; initial: Partial<EvaluationValues>; editable: boolean; onSave: (v: EvaluationValues) => Promise<unknown> }) {
  const t = useT();
  const [v, setV] = useState<EvaluationValues>({ grade: initial.grade ?? systemGrade, overrideReasonCode: initial.overrideReasonCode ?? "", overrideReason: initial.overrideReason ?? "", directOpinion: initial.directOpinion ?? "", conclusionApprove: initial.conclusionApprove ?? true, creditRiskOpinion: initial.creditRiskOpinion ?? "", suggestedGrade: initial.suggestedGrade ?? systemGrade });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const set = (patch: Partial<EvaluationValues>) => setV({ ...v, ...patch });
  const adjusted = v.grade !== systemGrade;
  const err = (k: string) => (errors[k] ? <p className="text-xs text-red-700" data-field-error={k}>{errors[k]}</p> : null);
  const save = async () => {
    setErrors({});
    setMessage(null);
    try {
      await onSave({ ...v, ...(adjusted ? {} : { overrideReasonCode: undefined, overrideReason: undefined }) });
      setMessage({ kind: "success", text: t("workflow.saved") });
    } catch (e) {
      setErrors(Object.fromEntries(fieldErrorsOf(e).map((f) => [f.path, f.message])));
      setMessage({ kind: "error", text: messageOf(e) });
    }
  };
  const cls = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm disabled:bg-slate-50";
  return (
    <div className="grid gap-4 sm:grid-cols-2" data-testid="evaluation-form">
      <div>
        <label htmlFor="eval-grade" className="text-sm">{t("workflow.raterGrade")}</label>
        <select id="eval-grade" className={cls} disabled={!editable} value={v.grade} onChange={(e) => set({ grade: e.target.value })}>{GRADES.map((g) => <option key={g}>{g}</option>)}</select>
        {err("grade")}
      </div>
      <div>
        <label htmlFor="eval-suggested" className="text-sm">{t("workflow.suggestedGrade")}</label>
        <select id="eval-suggested" className={cls} disabled={!editable} value={v.suggestedGrade} onChange={(e) => set({ suggestedGrade: e.target.value })}>{GRADES.map((g) => <option key={g}>{g}</option>)}</select>
      </div>
      {adjusted ? (
        <>
          <div>
            <label htmlFor="eval-reason-code" className="text-sm">{t("workflow.overrideReasonCode")}</label>
            <OverrideReasonSelect id="eval-reason-code" className={cls} disabled={!editable} value={v.overrideReasonCode ?? ""} onChange={(code) => set({ overrideReasonCode: code })} />
            {err("overrideReasonCode")}
          </div>
          <div>
            <label htmlFor="eval-reason" className="text-sm">{t("workflow.overrideReason")}</label>
            <input id="eval-reason" className={cls} disabled={!editable} value={v.overrideReason} onChange={(e) => set({ overrideReason: e.target.value })} />
            {err("overrideReason")}
          </div>
        </>
      ) : null}
      <div className="sm:col-span-2">
        <label htmlFor="eval-opinion" className="text-sm">{t("workflow.directOpinion")}</label>
        <textarea id="eval-opinion" rows={3} className={cls} disabled={!editable} value={v.directOpinion} onChange={(e) => set({ directOpinion: e.target.value })} />
        {err("directOpinion")}
      </div>
      <fieldset>
        <legend className="text-sm">{t("workflow.conclusionApprove")}</legend>
        <div className="mt-1 flex gap-4 text-sm">
          <label><input type="radio" disabled={!editable} checked={v.conclusionApprove} onChange={() => set({ conclusionApprove: true })} /> {t("workflow.yes")}</label>
          <label><input type="radio" disabled={!editable} checked={!v.conclusionApprove} onChange={() => set({ conclusionApprove: false })} /> {t("workflow.no")}</label>
        </div>
      </fieldset>
      <div className="sm:col-span-2">
        <label htmlFor="eval-risk" className="text-sm">{t("workflow.creditRiskOpinion")}</label>
        <textarea id="eval-risk" rows={2} className={cls} disabled={!editable} value={v.creditRiskOpinion} onChange={(e) => set({ creditRiskOpinion: e.target.value })} />
        {err("creditRiskOpinion")}
      </div>
      {message ? <div className="sm:col-span-2"><Alert kind={message.kind}>{message.text}</Alert></div> : null}
      {editable ? <div><Button type="button" onClick={save} data-testid="save-evaluation">{t("workflow.saveEvaluation")}</Button></div> : null}
    </div>
  );
}
