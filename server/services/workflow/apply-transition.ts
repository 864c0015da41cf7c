import "server-only";
import { getDb, type Tx } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { insertHistory, insertStep, lockApplication, updateApplicationIfVersion, type ApplicationRow } from "@/server/data/workflow";
import { customerForApplication } from "@/server/data/workflow";
import { canReadApplication } from "@/server/domain/authz/applications";
import { DomainError } from "@/server/domain/errors";
import { stagesOf } from "@/server/domain/workflow/chains";
import { transition, type TransitionResult, type WorkflowContext, type WorkflowEvent } from "@/server/domain/workflow/machine";
import type { CurrentUser } from "@/server/auth/session";
import { recordDenied } from "@/server/services/auth/record-denied";
import { workflowContext, workflowState } from "./workflow-state";

export interface TransitionInput {
  applicationId: string;
  /** The version the user saw: a different current version means someone acted first. */
  expectedVersion: number;
}

export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface ApplyOptions {
  event: WorkflowEvent;
  /** Extra columns to write with the new state (inputs, results, opinions). */
  patch?: Partial<ApplicationRow>;
  changes?: FieldChange[];
  opinion?: string | null;
  reasonCode?: string | null;
  audit: string;
  /** Use the transition only to authorise (e.g. saving the wizard position without changing any data). */
  authoriseOnly?: boolean;
  /** Runs inside the transaction after the state is written (e.g. the final rating on approval). */
  after?: (tx: Tx, app: ApplicationRow, result: TransitionResult, ctx: WorkflowContext) => Promise<void>;
}

/**
 * The one way an application changes: lock the row, check scope and version, let the pure state machine
 * decide, write the new state with a version check, record the step, the field history and the audit row —
 * all in one transaction. Of two people acting at once exactly one wins; the other gets ALREADY_HANDLED.
 */
export async function applyTransition(actor: CurrentUser, input: TransitionInput, opts: ApplyOptions): Promise<ApplicationRow> {
  // A refusal is audited after the transaction has rolled back (in its own transaction: on PGlite's single
  // connection a second transaction inside the first would wait forever).
  let denied = false;
  try {
    return await inTransaction(actor, input, opts, () => (denied = true));
  } catch (e) {
    if (denied) await recordDenied(actor, "application.scope", `application:${input.applicationId}`);
    throw e;
  }
}

async function inTransaction(actor: CurrentUser, input: TransitionInput, opts: ApplyOptions, onDenied: () => void): Promise<ApplicationRow> {
  return getDb().transaction(async (tx) => {
    const app = await lockApplication(tx, input.applicationId);
    if (!app) throw new DomainError("NOT_FOUND");
    const customer = await customerForApplication(tx, app.customerId);
    const ctx = await workflowContext(tx, app);
    const readable = canReadApplication({ userId: actor.id, isApplicant: actor.isApplicant, institutionPath: actor.institutionPath }, { initiatorUserId: app.initiatorUserId, institutionPath: customer.institutionPath });
    if (!readable) {
      onDenied();
      throw new DomainError("OUT_OF_SCOPE");
    }
    if (app.version !== input.expectedVersion) throw new DomainError("ALREADY_HANDLED");

    const state = await workflowState(tx, app);
    const decided = transition(state, opts.event, { userId: actor.id, role: actor.role, institutionId: actor.institutionId }, ctx);
    const result: TransitionResult = opts.authoriseOnly ? { state, step: null, finalized: false } : decided;
    const s = result.state;
    const now = new Date();
    const stageChanged = s.status !== state.status || s.currentStage !== state.currentStage || s.escalated !== state.escalated;
    const nextStage = s.status === "in_review" && s.currentStage !== null ? stagesOf(ctx.chain, s.escalated)[s.currentStage] : null;
    const patch: Partial<ApplicationRow> = {
      ...opts.patch,
      status: s.status,
      currentStage: s.currentStage,
      escalated: s.escalated,
      cycle: s.cycle,
      returnedTo: s.returnedTo,
      raterUserId: s.raterId,
      proposedGrade: s.grade,
      currentRole: nextStage ? nextStage.role : s.status === "submitted" || (s.status === "returned" && s.returnedTo === "rater") ? "rater" : s.status === "returned" && s.returnedTo === "applicant" ? "applicant" : null,
      currentInstitutionId: nextStage ? (nextStage.escalation ? ctx.escalationInstitutionId : ctx.reviewInstitutionId) : s.status === "submitted" || s.status === "returned" ? ctx.reviewInstitutionId : null,
      ...(stageChanged ? { stageEnteredAt: now } : {}),
      ...(s.status === "in_review" && state.status !== "in_review" ? { submittedAt: now } : {}),
      ...(["approved", "rejected", "withdrawn"].includes(s.status) ? { decidedAt: now } : {}),
    };
    if (!(await updateApplicationIfVersion(tx, app.id, app.version, patch))) throw new DomainError("ALREADY_HANDLED");

    if (result.step) {
      await insertStep(tx, {
        applicationId: app.id,
        cycle: result.step.action === "submit" && result.step.stageKey === "initial" ? s.cycle : state.cycle,
        stageIndex: result.step.stageIndex,
        stageKey: result.step.stageKey,
        role: result.step.role,
        institutionId: result.step.institutionId,
        actorUserId: actor.id,
        action: result.step.action,
        opinion: opts.opinion ?? null,
        reasonCode: opts.reasonCode ?? null,
        gradeBefore: result.step.gradeBefore,
        gradeAfter: result.step.gradeAfter,
        enteredAt: app.stageEnteredAt,
        actedAt: now,
      });
    }
    const stageLabel = result.step?.stageKey ?? app.wizardStep;
    const changes: FieldChange[] = [...(opts.changes ?? [])];
    if (s.status !== state.status) changes.push({ field: "status", oldValue: state.status, newValue: s.status });
    if (s.grade !== state.grade) changes.push({ field: "grade", oldValue: state.grade, newValue: s.grade });
    await insertHistory(tx, changes.map((c) => ({ applicationId: app.id, customerId: app.customerId, userId: actor.id, role: actor.role, stage: stageLabel, field: c.field, oldValue: c.oldValue ?? null, newValue: c.newValue ?? null, at: now })));
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      role: actor.role,
      institutionId: actor.institutionId,
      action: opts.audit,
      entityType: "rating_application",
      entityId: app.id,
      before: { status: state.status, stage: state.currentStage, grade: state.grade, version: app.version },
      after: { status: s.status, stage: s.currentStage, grade: s.grade, escalated: s.escalated, opinion: opts.opinion ?? undefined },
    }, now);
    const updated = { ...app, ...patch, version: app.version + 1 } as ApplicationRow;
    if (opts.after) await opts.after(tx, updated, result, ctx);
    return updated;
  });
}
