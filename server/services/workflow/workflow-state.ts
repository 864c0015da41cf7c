import "server-only";
import type { Queryable } from "@/db/client";
import { getParameter } from "@/server/data/parameters";
import { institutionChain, stepsOf, type ApplicationRow } from "@/server/data/workflow";
import { DEFAULT_CHAINS } from "@/server/domain/workflow/chains";
import type { Status, WorkflowContext, WorkflowState } from "@/server/domain/workflow/machine";
import type { Role } from "@/server/domain/authz/roles";

export const DEFAULT_NOTCH_LIMITS: Partial<Record<Role, number>> = { rater: 2, reviewer: 1, risk_officer: 1, risk_reviewer: 1, approver: 2 };

/**
 * The review institution is the application's institution or its nearest ancestor that is a branch or the
 * head office (sub-branches have no approval levels); escalation goes to that institution's parent.
 */
export async function workflowContext(db: Queryable, app: Pick<ApplicationRow, "institutionId" | "channel">): Promise<WorkflowContext & { reviewInstitutionPath: string }> {
  const chain = await institutionChain(db, app.institutionId);
  const reviewIndex = chain.map((i) => i.level <= 1).lastIndexOf(true);
  const review = chain[Math.max(0, reviewIndex)];
  const parent = reviewIndex > 0 ? chain[reviewIndex - 1] : null;
  const [escalationGrade, escalationAmount, notchLimits] = await Promise.all([
    getParameter<string>(db, "escalation.grade", "AA", review.path),
    getParameter<number>(db, "escalation.amount", 50_000_000, review.path),
    getParameter<Partial<Record<Role, number>>>(db, "override.maxNotches", DEFAULT_NOTCH_LIMITS),
  ]);
  return {
    chain: DEFAULT_CHAINS[app.channel],
    reviewInstitutionId: review.id,
    reviewInstitutionPath: review.path,
    escalationInstitutionId: parent?.id ?? null,
    escalationGrade,
    escalationAmount: Number(escalationAmount),
    notchLimits: { ...DEFAULT_NOTCH_LIMITS, ...notchLimits },
  };
}

export async function workflowState(db: Queryable, app: ApplicationRow): Promise<WorkflowState> {
  const steps = await stepsOf(db, app.id);
  return {
    status: app.status as Status,
    channel: app.channel,
    initiatorId: app.initiatorUserId,
    raterId: app.raterUserId,
    currentStage: app.currentStage,
    escalated: app.escalated,
    cycle: app.cycle,
    returnedTo: (app.returnedTo as WorkflowState["returnedTo"]) ?? null,
    actorsThisCycle: steps.filter((s) => s.cycle === app.cycle && s.stageIndex !== null).map((s) => s.actorUserId),
    systemGrade: app.systemGrade,
    grade: app.proposedGrade ?? app.raterGrade ?? app.systemGrade,
    riskLimit: app.riskLimit === null ? null : Number(app.riskLimit),
    hasConclusion: app.conclusionApprove !== null && Boolean(app.creditRiskOpinion?.trim()),
  };
}
