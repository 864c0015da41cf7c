"use client";
import Link from "next/link";
import { useLocale, useT } from "@/components/i18n/provider";
import { Alert, Card, PageTitle } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { useApplication } from "./use-application";
import { InputsForm } from "./inputs-form";
import { RatingResult } from "./rating-result";
import { EvaluationForm } from "./evaluation-form";
import { ActionBar } from "./action-bar";
import { DocumentsCard } from "./documents-card";
import { WeightsForm } from "./weights-form";

/**
 * One page for an application, whoever looks at it: the sections and buttons follow what the server says this
 * user may do now (`actions`), so the wizard, the review screen and the applicant's view are the same component.
 */
export function ApplicationView({ id, area }: { id: string; area: "staff" | "portal" }) {
  const t = useT();
  const locale = useLocale();
  const { query, saveInputs, runRating, saveEvaluation, act } = useApplication(id);
  if (query.error) return <Alert>{query.error.message}</Alert>;
  const app = query.data;
  if (!app) return <p className="text-sm text-slate-500">{t("common.loading")}</p>;
  const internal = app.internal;
  const editable = app.actions.includes("edit");
  const raterWork = app.actions.includes("rate");
  const names = Object.fromEntries((internal?.model?.indicators ?? []).map((i) => [i.key, i.name]));
  const base = { applicationId: app.id, expectedVersion: app.version };
  const docBase = `/documents/${app.id}`;

  return (
    <div className="space-y-6" data-testid="application-view" data-status={app.status}>
      <PageTitle subtitle={`${app.reference} · ${app.customer.code ?? ""}`}>{app.customer.name ?? app.reference}</PageTitle>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="rounded bg-slate-100 px-2 py-1" data-testid="application-status">{t(`status.${app.status}`)}</span>
        {internal?.currentStage ? <span className="rounded bg-brand-50 px-2 py-1 text-brand-800" data-testid="application-stage">{t(`workflow.stage.${internal.currentStage.key}`)}</span> : null}
        {internal?.escalated ? <span className="rounded bg-amber-100 px-2 py-1 text-amber-900">{t("workflow.escalated")}</span> : null}
        {app.finalGrade ? <span className="rounded bg-green-100 px-2 py-1 font-semibold text-green-900" data-testid="final-grade">{t("workflow.finalGrade")}: {app.finalGrade}</span> : null}
        {area === "staff" ? <Link className="text-brand-700 underline" href={`/ratings/${app.id}/history`}>{t("workflow.history")}</Link> : null}
        {area === "staff" ? <Link className="text-brand-700 underline" href={`${docBase}/${app.status === "approved" ? "report" : "preliminary"}`} data-testid="open-report">{t(app.status === "approved" ? "workflow.report" : "workflow.preliminary")}</Link> : null}
        {app.status === "approved" ? <Link className="text-brand-700 underline" href={`${docBase}/notice`} data-testid="open-notice">{t("workflow.notice")}</Link> : null}
        {area === "staff" ? <a className="text-brand-700 underline" href={`${docBase}/${app.status === "approved" ? "report" : "preliminary"}/pdf`} data-testid="report-pdf">{t(app.status === "approved" ? "workflow.report" : "workflow.preliminary")} PDF</a> : null}
        {app.status === "approved" ? <a className="text-brand-700 underline" href={`${docBase}/notice/pdf`} data-testid="notice-pdf">{t("workflow.notice")} PDF</a> : null}
      </div>
      {app.status === "returned" && app.returnReason ? (
        <Alert kind="info">{app.returnedTo === "applicant" ? t("workflow.infoRequested", { reason: app.returnReason }) : t("workflow.returned", { reason: app.returnReason })}</Alert>
      ) : null}
      {area === "portal" && ["submitted", "in_review"].includes(app.status) ? <Alert kind="info">{t("workflow.applicantView")}</Alert> : null}

      <DocumentsCard applicationId={app.id} open={!["approved", "rejected", "withdrawn"].includes(app.status)} />
      <Card title={`${t("workflow.financials")} / ${t("workflow.qualitative")}`}>
        <InputsForm
          key={app.status}
          inputs={app.inputs}
          facts={app.requiredFacts}
          personal={app.customer.type === "individual"}
          editable={editable}
          withStatements={app.customer.type !== "individual"}
          onSave={(v) => saveInputs.mutateAsync({ ...base, ...v })}
        />
      </Card>

      {internal ? (
        <Card title={t("workflow.systemRating")} actions={raterWork ? <Button type="button" onClick={() => runRating.mutateAsync(base)} data-testid="run-rating" disabled={runRating.isPending}>{t("workflow.runRating")}</Button> : null}>
          {runRating.error ? <Alert>{runRating.error.message}</Alert> : null}
          {internal.result ? <RatingResult result={internal.result} names={names} /> : <p className="text-sm text-slate-500">{t("common.noData")}</p>}
          {raterWork && internal.result && internal.model ? (
            <WeightsForm key={internal.result.id} indicators={internal.model.indicators} initial={internal.multipliers ?? null} disabled={runRating.isPending}
              onRun={(multipliers) => runRating.mutateAsync({ ...base, multipliers })} />
          ) : null}
        </Card>
      ) : null}

      {internal?.systemGrade ? (
        <Card title={t("workflow.evaluation")}>
          <EvaluationForm
            key={`${internal.result?.id ?? 0}-${internal.systemGrade}`}
            systemGrade={internal.systemGrade}
            editable={raterWork}
            initial={{ grade: internal.raterGrade ?? undefined, overrideReasonCode: internal.overrideReasonCode ?? undefined, overrideReason: internal.overrideReason ?? undefined, directOpinion: internal.directOpinion ?? undefined, conclusionApprove: internal.conclusionApprove ?? undefined, creditRiskOpinion: internal.creditRiskOpinion ?? undefined, suggestedGrade: internal.suggestedGrade ?? undefined }}
            onSave={(v) => saveEvaluation.mutateAsync({ ...base, ...v })}
          />
        </Card>
      ) : null}

      <Card title={t("workflow.actions")}>
        <ActionBar actions={app.actions} canProposeGrade={Boolean(internal)} onAct={(a) => act.mutateAsync({ ...base, action: a.action as never, opinion: a.opinion, grade: a.grade })} />
        {app.actions.filter((a) => a !== "edit" && a !== "rate").length === 0 ? <p className="text-sm text-slate-500">—</p> : null}
      </Card>

      {internal?.steps.length ? (
        <Card title={t("workflow.trail")}>
          <ol className="space-y-2 text-sm" data-testid="approval-trail">
            {internal.steps.map((s) => (
              <li key={s.id} className="border-b border-slate-100 pb-2">
                <span className="font-medium">{t(`workflow.stage.${s.stageKey}`)}</span> · {s.actorName} · {t(`workflow.action.${s.action}`)}
                {s.gradeAfter ? ` · ${s.gradeBefore ?? ""}→${s.gradeAfter}` : ""}
                <span className="ml-2 text-slate-400">{new Date(s.actedAt).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB")}</span>
                {s.opinion ? <p className="text-slate-600">{s.opinion}</p> : null}
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
    </div>
  );
}
