import "server-only";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { getParameter } from "@/server/data/parameters";
import { customerForApplication, insertRating, resultById, setCustomerCurrentRating, setFinalRating, supersedeRatings, type ApplicationRow } from "@/server/data/workflow";
import { appendAudit } from "@/server/data/audit";
import type { CurrentUser } from "@/server/auth/session";
import { applyTransition } from "./apply-transition";
import type { WorkflowEvent } from "@/server/domain/workflow/machine";

export const actInput = z.object({
  applicationId: z.uuid(),
  expectedVersion: z.number().int(),
  action: z.enum(["submit", "applicant_submit", "agree", "disagree", "return", "reject", "request_info", "withdraw"]),
  opinion: z.string().trim().max(4000, "validation.tooLong").optional(),
  grade: z.string().regex(/^(AAA|AA|A|BBB|BB|B|CCC|CC|C)$/, "workflow.invalidGrade").optional(),
  reasonCode: z.string().max(10).optional(),
});

function addMonths(d: Date, months: number): string {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));
  return x.toISOString().slice(0, 10);
}

/** Final approval: the rating takes effect, the previous one is superseded, the customer's grade changes. */
async function finalize(tx: Tx, app: ApplicationRow, actor: CurrentUser, now: Date) {
  const customer = await customerForApplication(tx, app.customerId);
  const months = await getParameter<number>(tx, "rating.validityMonths", 12, customer.institutionPath);
  const result = app.systemResultId ? await resultById(tx, app.systemResultId) : undefined;
  const ratedOn = now.toISOString().slice(0, 10);
  const expiresOn = addMonths(now, Number(months));
  await supersedeRatings(tx, app.customerId);
  const c = customer.customer;
  const ratingId = await insertRating(tx, {
    customerId: app.customerId,
    applicationId: app.id,
    origin: "approval",
    status: "effective",
    customerType: c.type,
    institutionId: c.institutionId,
    institutionPath: customer.institutionPath,
    industryCode: c.industryCode,
    regionCode: c.regionCode,
    natureCode: c.natureCode,
    modelVersionId: app.modelVersionId,
    modelKey: result?.modelKey ?? null,
    systemGrade: app.systemGrade,
    raterGrade: app.raterGrade,
    grade: app.proposedGrade!,
    pd: result ? result.pd : null,
    score: result ? result.score : null,
    riskLimit: app.riskLimit,
    raterUserId: app.raterUserId,
    approvedBy: actor.id,
    ratedOn,
    effectiveOn: ratedOn,
    expiresOn,
  });
  await setCustomerCurrentRating(tx, app.customerId, { grade: app.proposedGrade!, ratingId, expiresOn });
  await appendAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, institutionId: actor.institutionId, action: "rating.finalized", entityType: "rating", entityId: ratingId, after: { applicationId: app.id, grade: app.proposedGrade, expiresOn } }, now);
  await setFinalRating(tx, app.id, { ratingId, finalGrade: app.proposedGrade!, finalPd: result?.pd ?? null });
  return ratingId;
}

/** Every button of the approval chain: submit, agree, disagree, return, reject, ask for information, withdraw. */
export async function actOnApplication(actor: CurrentUser, raw: z.input<typeof actInput>, now = new Date()) {
  const input = actInput.parse(raw);
  const text = input.opinion ?? "";
  const event: WorkflowEvent =
    input.action === "agree" || input.action === "disagree"
      ? { type: input.action, opinion: text, grade: input.grade }
      : input.action === "return" || input.action === "reject" || input.action === "request_info"
        ? { type: input.action, reason: text }
        : { type: input.action };
  let ratingId: string | null = null;
  const updated = await applyTransition(actor, input, {
    event,
    opinion: text || null,
    reasonCode: input.reasonCode ?? null,
    patch: input.action === "return" || input.action === "request_info" ? { returnReason: text } : {},
    audit: `rating.${input.action}`,
    after: async (tx, app, result) => {
      if (result.finalized) {
        ratingId = await finalize(tx, app, actor, now);
      }
    },
  });
  return { version: updated.version, status: updated.status, ratingId };
}
