"use client";
import { useState } from "react";
import { useT } from "@/components/i18n/provider";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { messageOf } from "@/components/trpc/errors";

const GRADES = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C"];
const NEEDS_TEXT = new Set(["agree", "disagree", "return", "reject", "request_info"]);
const ORDER = ["applicant_submit", "submit", "agree", "disagree", "return", "request_info", "reject", "withdraw"];

/** The buttons the server says this user may press now, with an opinion box and an optional grade. */
export function ActionBar({ actions, canProposeGrade, onAct }: { actions: string[]; canProposeGrade: boolean; onAct: (a: { action: string; opinion?: string; grade?: string }) => Promise<unknown> }) {
  const t = useT();
  const [opinion, setOpinion] = useState("");
  const [grade, setGrade] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = ORDER.filter((a) => actions.includes(a));
  if (!shown.length) return null;
  const withText = shown.some((a) => NEEDS_TEXT.has(a));
  return (
    <div className="space-y-3" data-testid="action-bar">
      {withText ? (
        <div>
          <label htmlFor="action-opinion" className="text-sm">{t("workflow.opinion")}</label>
          <textarea id="action-opinion" rows={2} className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm" value={opinion} onChange={(e) => setOpinion(e.target.value)} />
        </div>
      ) : null}
      {canProposeGrade && shown.includes("agree") ? (
        <div className="max-w-xs">
          <label htmlFor="action-grade" className="text-sm">{t("workflow.proposeGrade")}</label>
          <select id="action-grade" className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm" value={grade} onChange={(e) => setGrade(e.target.value)}>
            <option value="">{t("workflow.keepGrade")}</option>
            {GRADES.map((g) => <option key={g}>{g}</option>)}
          </select>
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {shown.map((a) => (
          <Button
            key={a}
            type="button"
            disabled={busy}
            variant={a === "reject" || a === "withdraw" ? "danger" : a === "return" || a === "request_info" || a === "disagree" ? "secondary" : "primary"}
            data-testid={`action-${a}`}
            onClick={async () => {
              setError(null);
              setBusy(true);
              try {
                await onAct({ action: a, opinion: opinion || undefined, grade: grade || undefined });
                setOpinion("");
                setGrade("");
              } catch (e) {
                setError(messageOf(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {t(`workflow.action.${a}`)}
          </Button>
        ))}
      </div>
    </div>
  );
}
