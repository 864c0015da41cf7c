import { DomainError } from "../errors";
import type { Role } from "../authz/roles";
import { stagesOf, type ChainDef } from "./chains";
import { atOrAbove, isGrade, notchesBetween } from "./grades";

/**
 * The rating workflow as one pure function over state x event (CONVENTIONS rule 4). It decides who may do
 * what, enforces segregation of duties and the notch limits, and computes the next state and the step to
 * record. Services load the state, call `transition`, and write the result with a version check.
 */
export type Status = "draft" | "system_rated" | "submitted" | "in_review" | "returned" | "approved" | "rejected" | "withdrawn";
export const FINAL_STATUSES: Status[] = ["approved", "rejected", "withdrawn"];

export interface WorkflowState {
  status: Status;
  channel: "bank" | "portal";
  initiatorId: string;
  /** The rater doing the rater work: the initiator on the bank channel, whoever takes the initial review on the portal. */
  raterId: string | null;
  currentStage: number | null;
  escalated: boolean;
  cycle: number;
  returnedTo: "rater" | "applicant" | null;
  /** Users who already acted on a review stage in the current cycle (from the recorded steps). */
  actorsThisCycle: string[];
  systemGrade: string | null;
  /** Head of the grade lineage: system -> rater -> each level's proposal. */
  grade: string | null;
  riskLimit: number | null;
  hasConclusion: boolean;
}

export interface Actor {
  userId: string;
  role: Role;
  institutionId: number | null;
}

export interface WorkflowContext {
  chain: ChainDef;
  /** Where the branch stages act (the customer's branch, or head office). */
  reviewInstitutionId: number;
  /** The parent of the review institution; null where there is none (no escalation possible). */
  escalationInstitutionId: number | null;
  escalationGrade: string;
  escalationAmount: number;
  /** Maximum notches each role may move the grade it received (override.maxNotches). */
  notchLimits: Partial<Record<Role, number>>;
}

export type WorkflowEvent =
  | { type: "edit" }
  | { type: "rate"; systemGrade: string; riskLimit: number | null }
  | { type: "evaluate"; grade: string; hasConclusion: boolean }
  | { type: "submit" }
  | { type: "applicant_submit" }
  | { type: "request_info"; reason: string }
  | { type: "agree"; opinion: string; grade?: string }
  | { type: "disagree"; opinion: string; grade?: string }
  | { type: "return"; reason: string }
  | { type: "reject"; reason: string }
  | { type: "withdraw" };

export interface StepRecord {
  stageIndex: number | null;
  stageKey: string;
  role: string;
  institutionId: number | null;
  action: "submit" | "agree" | "disagree" | "return" | "request_info" | "reject" | "withdraw";
  gradeBefore: string | null;
  gradeAfter: string | null;
}

export interface TransitionResult {
  state: WorkflowState;
  step: StepRecord | null;
  /** The application reached its final approval: the rating takes effect. */
  finalized: boolean;
}

const illegal = (why: string) => new DomainError("ILLEGAL_TRANSITION", why);

export function currentStageDef(state: WorkflowState, ctx: WorkflowContext) {
  if (state.status !== "in_review" || state.currentStage === null) return null;
  const stages = stagesOf(ctx.chain, state.escalated);
  const stage = stages[state.currentStage];
  if (!stage) return null;
  return { ...stage, index: state.currentStage, institutionId: stage.escalation ? ctx.escalationInstitutionId : ctx.reviewInstitutionId };
}

/** May this actor do the rater's work (edit inputs, run the rating, evaluate, submit) now? */
export function canDoRaterWork(state: WorkflowState, actor: Actor): boolean {
  if (actor.role !== "rater") return false;
  if (state.channel === "bank") {
    return actor.userId === state.initiatorId && (state.status === "draft" || state.status === "system_rated" || (state.status === "returned" && state.returnedTo === "rater"));
  }
  // The service has checked that the application's customer is within the rater's institution subtree.
  if (state.status === "submitted") return state.raterId === null || state.raterId === actor.userId;
  if (state.status === "draft" || state.status === "system_rated") return state.raterId === actor.userId;
  return state.status === "returned" && state.returnedTo === "rater" && state.raterId === actor.userId;
}

export function canDoApplicantWork(state: WorkflowState, actor: Actor): boolean {
  if (state.channel !== "portal" || actor.userId !== state.initiatorId) return false;
  return (state.status === "draft" && state.raterId === null) || (state.status === "returned" && state.returnedTo === "applicant");
}

function checkNotches(role: Role, from: string | null, to: string, ctx: WorkflowContext) {
  if (!isGrade(to) || to === "D") throw new DomainError("VALIDATION", "grade", { fields: [{ path: "grade", message: "workflow.invalidGrade" }] });
  if (from === null) return;
  const limit = ctx.notchLimits[role] ?? 0;
  const moved = Math.abs(notchesBetween(from, to));
  if (moved > limit) {
    throw new DomainError("INVALID_ADJUSTMENT", "notches", { fields: [{ path: "grade", message: "workflow.tooManyNotches", params: { limit, moved } }], params: { limit, moved } });
  }
}

function requireText(text: string | undefined, path: string) {
  if (!text || text.trim().length < 2) throw new DomainError("VALIDATION", path, { fields: [{ path, message: "validation.required" }] });
}

function raterWork(state: WorkflowState, event: WorkflowEvent, actor: Actor, ctx: WorkflowContext): TransitionResult {
  const mine = { ...state, raterId: state.raterId ?? actor.userId };
  switch (event.type) {
    case "edit":
      // Changed inputs invalidate the system rating and the evaluation based on it.
      return { state: { ...mine, status: state.status === "returned" ? "returned" : "draft", systemGrade: state.status === "returned" ? state.systemGrade : null, grade: state.status === "returned" ? state.grade : null, hasConclusion: state.status === "returned" ? state.hasConclusion : false }, step: null, finalized: false };
    case "rate":
      return { state: { ...mine, status: state.status === "returned" ? "returned" : "system_rated", systemGrade: event.systemGrade, grade: event.systemGrade, riskLimit: event.riskLimit, hasConclusion: false }, step: null, finalized: false };
    case "evaluate":
      if (!state.systemGrade) throw illegal("no system rating yet");
      checkNotches("rater", state.systemGrade, event.grade, ctx);
      return { state: { ...mine, grade: event.grade, hasConclusion: event.hasConclusion }, step: null, finalized: false };
    case "submit": {
      if (!state.systemGrade || !state.grade) throw illegal("submit needs a system rating");
      if (!state.hasConclusion) throw new DomainError("VALIDATION", "conclusion", { fields: [{ path: "conclusion", message: "workflow.conclusionRequired" }] });
      const resubmission = state.status === "returned";
      return {
        state: { ...mine, status: "in_review", currentStage: 0, escalated: false, cycle: resubmission ? state.cycle + 1 : state.cycle, returnedTo: null, actorsThisCycle: resubmission ? [] : state.actorsThisCycle },
        step: { stageIndex: null, stageKey: "initial", role: "rater", institutionId: actor.institutionId, action: "submit", gradeBefore: state.systemGrade, gradeAfter: state.grade },
        finalized: false,
      };
    }
    case "request_info":
      if (state.channel !== "portal") throw illegal("only portal applications can go back to the applicant");
      requireText(event.reason, "reason");
      return {
        state: { ...mine, status: "returned", returnedTo: "applicant", currentStage: null },
        step: { stageIndex: null, stageKey: "initial", role: "rater", institutionId: actor.institutionId, action: "request_info", gradeBefore: state.grade, gradeAfter: state.grade },
        finalized: false,
      };
    default:
      throw illegal(`${event.type} is not rater work`);
  }
}

function reviewWork(state: WorkflowState, event: WorkflowEvent, actor: Actor, ctx: WorkflowContext): TransitionResult {
  const stage = currentStageDef(state, ctx);
  if (!stage) throw illegal("not in review");
  if (actor.role !== stage.role || actor.institutionId !== stage.institutionId) throw new DomainError("FORBIDDEN", "not this stage's role or institution");
  if (actor.userId === state.initiatorId || actor.userId === state.raterId) throw new DomainError("SEGREGATION_OF_DUTIES", "initiator or rater");
  if (state.actorsThisCycle.includes(actor.userId)) throw new DomainError("SEGREGATION_OF_DUTIES", "already acted in this cycle");
  const base = { stageIndex: stage.index, stageKey: stage.key, role: stage.role, institutionId: stage.institutionId, gradeBefore: state.grade };
  const actors = [...state.actorsThisCycle, actor.userId];

  switch (event.type) {
    case "agree":
    case "disagree": {
      requireText(event.opinion, "opinion");
      const grade = event.grade ?? state.grade!;
      if (grade !== state.grade) checkNotches(actor.role, state.grade, grade, ctx);
      const step: StepRecord = { ...base, action: event.type, gradeAfter: grade };
      const stages = stagesOf(ctx.chain, state.escalated);
      const last = stage.index === stages.length - 1;
      if (!last) return { state: { ...state, grade, currentStage: stage.index + 1, actorsThisCycle: actors }, step, finalized: false };
      const mustEscalate =
        !state.escalated && ctx.escalationInstitutionId !== null && (atOrAbove(grade, ctx.escalationGrade) || (state.riskLimit ?? 0) >= ctx.escalationAmount);
      if (mustEscalate) return { state: { ...state, grade, escalated: true, currentStage: stage.index + 1, actorsThisCycle: actors }, step, finalized: false };
      return { state: { ...state, grade, status: "approved", currentStage: null, actorsThisCycle: actors }, step, finalized: true };
    }
    case "return":
      requireText(event.reason, "reason");
      return {
        state: { ...state, status: "returned", returnedTo: "rater", currentStage: null, escalated: false, actorsThisCycle: actors },
        step: { ...base, action: "return", gradeAfter: state.grade },
        finalized: false,
      };
    case "reject":
      if (stage.role !== "approver") throw illegal("only an approver rejects");
      requireText(event.reason, "reason");
      return { state: { ...state, status: "rejected", currentStage: null, actorsThisCycle: actors }, step: { ...base, action: "reject", gradeAfter: state.grade }, finalized: false };
    default:
      throw illegal(`${event.type} is not a review action`);
  }
}

export function transition(state: WorkflowState, event: WorkflowEvent, actor: Actor, ctx: WorkflowContext): TransitionResult {
  if (FINAL_STATUSES.includes(state.status)) throw illegal(`the application is ${state.status}`);
  switch (event.type) {
    case "withdraw":
      if (actor.userId !== state.initiatorId) throw new DomainError("FORBIDDEN", "only the initiator withdraws");
      if (state.status === "in_review") throw illegal("cannot withdraw during review");
      return {
        state: { ...state, status: "withdrawn", currentStage: null },
        step: { stageIndex: null, stageKey: "initial", role: actor.role, institutionId: actor.institutionId, action: "withdraw", gradeBefore: state.grade, gradeAfter: state.grade },
        finalized: false,
      };
    case "applicant_submit":
      if (!canDoApplicantWork(state, actor)) throw state.channel === "portal" && actor.userId === state.initiatorId ? illegal("not with the applicant") : new DomainError("FORBIDDEN");
      return {
        state: { ...state, status: "submitted", returnedTo: null },
        step: { stageIndex: null, stageKey: "application", role: actor.role, institutionId: actor.institutionId, action: "submit", gradeBefore: null, gradeAfter: null },
        finalized: false,
      };
    case "edit":
      if (canDoApplicantWork(state, actor)) return { state, step: null, finalized: false };
      if (!canDoRaterWork(state, actor)) throw new DomainError("FORBIDDEN", "not holding the application");
      return raterWork(state, event, actor, ctx);
    case "rate":
    case "evaluate":
    case "submit":
    case "request_info":
      if (!canDoRaterWork(state, actor)) throw state.status === "in_review" ? illegal("in review") : new DomainError("FORBIDDEN", "not holding the application");
      return raterWork(state, event, actor, ctx);
    case "agree":
    case "disagree":
    case "return":
    case "reject":
      if (state.status !== "in_review") throw illegal("not in review");
      return reviewWork(state, event, actor, ctx);
  }
}
