"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { fieldErrorsOf, messageOf } from "@/components/trpc/errors";
import { useT } from "@/components/i18n/provider";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { OverrideReasonSelect } from "./override-reason-select";

const GRADES = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"];

/**
 * Manual re-grade of the customer's effective rating (approvers). The server decides everything: scope, the
 * permission, that the rating is still effective, and which of two simultaneous re-grades wins.
 */
export function RegradeForm({ ratingId, currentGrade }: { ratingId: string; currentGrade: string }) {
  const t = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const regrade = useMutation(trpc.applications.regrade.mutationOptions());
  const [open, setOpen] = useState(false);
  const [grade, setGrade] = useState(currentGrade);
  const [reasonCode, setReasonCode] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const err = (k: string) => (errors[k] ? <p className="text-xs text-red-700" data-field-error={k}>{errors[k]}</p> : null);
  const cls = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";
  if (!open) {
    return (
      <Button type="button" variant="secondary" data-testid="regrade-open" onClick={() => setOpen(true)}>
        {t("workflow.action.regrade")}
      </Button>
    );
  }
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    try {
      await regrade.mutateAsync({ ratingId, grade, reasonCode, reason });
      setMessage({ kind: "success", text: t("workflow.regraded", { grade }) });
      router.refresh();
    } catch (x) {
      setErrors(Object.fromEntries(fieldErrorsOf(x).map((f) => [f.path, f.message])));
      setMessage({ kind: "error", text: messageOf(x) });
    }
  };
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-3" data-testid="regrade-form" noValidate>
      <p className="text-sm text-slate-600 sm:col-span-3">{t("workflow.regradeHint")}</p>
      <div>
        <label htmlFor="regrade-grade" className="text-sm">{t("workflow.newGrade")}</label>
        <select id="regrade-grade" className={cls} value={grade} onChange={(e) => setGrade(e.target.value)}>
          {GRADES.map((g) => <option key={g}>{g}</option>)}
        </select>
        {err("grade")}
      </div>
      <div>
        <label htmlFor="regrade-code" className="text-sm">{t("workflow.overrideReasonCode")}</label>
        <OverrideReasonSelect id="regrade-code" className={cls} value={reasonCode} onChange={setReasonCode} />
        {err("reasonCode")}
      </div>
      <div className="sm:col-span-3">
        <label htmlFor="regrade-reason" className="text-sm">{t("workflow.overrideReason")}</label>
        <textarea id="regrade-reason" rows={2} className={cls} value={reason} onChange={(e) => setReason(e.target.value)} />
        {err("reason")}
      </div>
      <div className="flex gap-2 sm:col-span-3">
        <Button type="submit" disabled={regrade.isPending} data-testid="regrade-submit">{t("workflow.regradeSubmit")}</Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
      </div>
      {message ? <div className="sm:col-span-3" data-testid="regrade-message"><Alert kind={message.kind}>{message.text}</Alert></div> : null}
    </form>
  );
}
