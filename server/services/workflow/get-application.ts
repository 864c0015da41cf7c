import "server-only";
import { getDb } from "@/db/client";
import { customerForApplication, findApplication, historyOf, resultById, stepsOf, institutionChain } from "@/server/data/workflow";
import { modelVersionById } from "@/server/data/models";
import { canReadApplication } from "@/server/domain/authz/applications";
import { DomainError } from "@/server/domain/errors";
import { requiredInputs, type RatingResult } from "@/server/domain/scoring";
import { currentStageDef, transition, type WorkflowEvent } from "@/server/domain/workflow/machine";
import type { CurrentUser } from "@/server/auth/session";
import { recordDenied } from "@/server/services/auth/record-denied";
import { workflowContext, workflowState } from "./workflow-state";
import type { ApplicationInputs } from "./create-application";

const PROBES: Record<string, WorkflowEvent> = {
  edit: { type: "edit" },
  rate: { type: "rate", systemGrade: "BBB", riskLimit: 0 },
  submit: { type: "submit" },
  applicant_submit: { type: "applicant_submit" },
  request_info: { type: "request_info", reason: "probe" },
  agree: { type: "agree", opinion: "probe" },
  disagree: { type: "disagree", opinion: "probe" },
  return: { type: "return", reason: "probe" },
  reject: { type: "reject", reason: "probe" },
  withdraw: { type: "withdraw" },
};

/** The full dossier for staff; for applicants only their own data and, once final, the result. */
export async function getApplication(actor: CurrentUser, id: string) {
  const db = getDb();
  const app = await findApplication(db, id);
  if (!app) throw new DomainError("NOT_FOUND");
  const customer = await customerForApplication(db, app.customerId);
  if (!canReadApplication({ userId: actor.id, isApplicant: actor.isApplicant, institutionPath: actor.institutionPath }, { initiatorUserId: app.initiatorUserId, institutionPath: customer.institutionPath })) {
    await recordDenied(actor, "application.scope", `application:${id}`);
    throw new DomainError("OUT_OF_SCOPE");
  }
  const [ctx, state, steps] = await Promise.all([workflowContext(db, app), workflowState(db, app), stepsOf(db, app.id)]);
  const who = { userId: actor.id, role: actor.role, institutionId: actor.institutionId };
  const actions = Object.entries(PROBES)
    .filter(([, ev]) => {
      try {
        transition(state, ev, who, ctx);
        return true;
      } catch (e) {
        // submit needs a conclusion first: still show the button, the server explains what is missing
        return ev.type === "submit" && e instanceof DomainError && e.code === "VALIDATION";
      }
    })
    .map(([k]) => k);
  const model = app.modelVersionId ? await modelVersionById(db, app.modelVersionId) : undefined;
  const result = app.systemResultId ? await resultById(db, app.systemResultId) : undefined;
  const stage = currentStageDef(state, ctx);
  const chainInsts = await institutionChain(db, app.institutionId);
  const final = app.status === "approved";
  const base = {
    id: app.id,
    reference: app.reference,
    status: app.status,
    channel: app.channel,
    version: app.version,
    wizardStep: app.wizardStep,
    period: app.period,
    customer: { id: app.customerId, ...(app.customerSnapshot as { code: string; name: string; type: string; industryCode: string | null; regionCode: string | null; natureCode: string | null; creditCode: string | null; idNumberMasked: string | null }) },
    institution: chainInsts.at(-1) ?? null,
    inputs: app.inputs as ApplicationInputs,
    requiredFacts: model ? requiredInputs(model.definition).facts : [],
    requiredItems: model ? requiredInputs(model.definition).items : [],
    actions,
    returnReason: app.returnReason,
    returnedTo: app.returnedTo,
    createdAt: app.createdAt,
    submittedAt: app.submittedAt,
    decidedAt: app.decidedAt,
    finalGrade: final ? app.finalGrade : null,
    ratingId: final ? app.ratingId : null,
  };
  if (actor.isApplicant) return { ...base, internal: null };
  const history = await historyOf(db, app.id);
  return {
    ...base,
    internal: {
      currentStage: stage ? { key: stage.key, role: stage.role, escalation: stage.escalation, institutionId: stage.institutionId } : null,
      escalated: app.escalated,
      cycle: app.cycle,
      model: model ? { key: model.key, version: model.version, name: model.definition.name, kind: model.definition.kind, indicators: model.definition.indicators.map((i) => ({ key: i.key, name: i.name, group: i.group, weightAdjust: i.weightAdjust ?? 0 })) } : null,
      multipliers: app.multipliers,
      systemGrade: app.systemGrade,
      raterGrade: app.raterGrade,
      proposedGrade: app.proposedGrade,
      overrideReasonCode: app.overrideReasonCode,
      overrideReason: app.overrideReason,
      directOpinion: app.directOpinion,
      conclusionApprove: app.conclusionApprove,
      creditRiskOpinion: app.creditRiskOpinion,
      suggestedGrade: app.suggestedGrade,
      riskLimit: app.riskLimit,
      balanceAcceptedReason: app.balanceAcceptedReason,
      result: result ? { id: result.id, score: result.score, pd: result.pd, modelGrade: result.modelGrade, grade: result.grade, debtCapacity: result.debtCapacity, riskLimit: result.riskLimit, explanation: result.explanation as RatingResult } : null,
      steps,
      historyCount: history.length,
    },
  };
}

export async function getApplicationHistory(actor: CurrentUser, id: string) {
  await getApplication(actor, id); // scope check
  if (actor.isApplicant) throw new DomainError("FORBIDDEN");
  return historyOf(getDb(), id);
}
