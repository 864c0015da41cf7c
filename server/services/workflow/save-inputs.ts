import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getParameter } from "@/server/data/parameters";
import { DomainError, type FieldIssue } from "@/server/domain/errors";
import { statementIssues, DEFAULT_TOLERANCE, type BalanceTolerance } from "@/server/domain/rating-input/statement-checks";
import type { CurrentUser } from "@/server/auth/session";
import { applyTransition, type FieldChange } from "./apply-transition";
import type { ApplicationInputs } from "./create-application";
import { findApplication } from "@/server/data/workflow";
import { personalFinanceIssues } from "@/server/domain/rating-input/personal-finances";

const amount = z.number({ message: "workflow.notANumber" }).finite("workflow.notANumber");
export const saveInputsInput = z.object({
  applicationId: z.uuid(),
  expectedVersion: z.number().int(),
  wizardStep: z.string().max(30).optional(),
  statements: z.object({ current: z.record(z.string().regex(/^(BS|IS|CF)\d{3}$/), amount), previous: z.record(z.string().regex(/^(BS|IS|CF)\d{3}$/), amount) }).optional(),
  answers: z.record(z.string().regex(/^[a-z0-9_]{1,40}$/), z.string().trim().max(200)).optional(),
  balanceAcceptedReason: z.string().trim().max(500).optional(),
});

function diff(prefix: string, before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).map((k) => ({ field: `${prefix}.${k}`, oldValue: before[k] ?? null, newValue: after[k] ?? null }));
}

/**
 * Saves wizard data (statements, qualitative answers) as a draft. Numbers must be numbers; balance-sheet
 * problems are returned as field errors and block saving unless a reason for accepting them is given.
 * Every changed field goes into the modification history.
 */
export async function saveInputs(actor: CurrentUser, raw: z.input<typeof saveInputsInput>) {
  const input = saveInputsInput.parse(raw);
  const app = await findApplication(getDb(), input.applicationId);
  if (!app) throw new DomainError("NOT_FOUND");
  const before = (app.inputs ?? { period: null, statements: { current: {}, previous: {} }, answers: {} }) as ApplicationInputs;
  const next: ApplicationInputs = {
    period: before.period,
    statements: input.statements ?? before.statements,
    answers: input.answers ? { ...before.answers, ...input.answers } : before.answers,
  };
  const declared = personalFinanceIssues(next.answers);
  if (declared.length) throw new DomainError("VALIDATION", "answers", { fields: declared });
  if (input.statements) {
    const tolerance = await getParameter<BalanceTolerance>(getDb(), "statement.balanceTolerance", DEFAULT_TOLERANCE);
    const issues: FieldIssue[] = [...statementIssues(next.statements.current, "statements.current", tolerance), ...statementIssues(next.statements.previous, "statements.previous", tolerance)];
    const onlyBalance = issues.every((i) => i.message === "workflow.unbalanced" || i.message.endsWith("TooSmall"));
    if (issues.length && !(onlyBalance && input.balanceAcceptedReason && input.balanceAcceptedReason.length >= 5)) {
      throw new DomainError("VALIDATION", "statements", { fields: issues });
    }
  }
  const changes = [
    ...diff("statements.current", before.statements.current, next.statements.current),
    ...diff("statements.previous", before.statements.previous, next.statements.previous),
    ...diff("answers", before.answers, next.answers),
  ];
  const updated = await applyTransition(actor, input, {
    event: { type: "edit" },
    patch: { inputs: next, wizardStep: input.wizardStep ?? app.wizardStep, balanceAcceptedReason: input.balanceAcceptedReason ?? app.balanceAcceptedReason },
    changes,
    audit: "rating.save_inputs",
    authoriseOnly: changes.length === 0 && (input.balanceAcceptedReason ?? null) === (app.balanceAcceptedReason ?? null),
  });
  return { version: updated.version, changed: changes.length };
}
