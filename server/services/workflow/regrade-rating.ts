import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { customerForApplication, insertRating, ratingById, setCustomerCurrentRating } from "@/server/data/workflow";
import { isWithinSubtree } from "@/server/domain/authz/scope";
import { DomainError } from "@/server/domain/errors";
import { notchesBetween } from "@/server/domain/workflow/grades";
import { ratings } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import type { CurrentUser } from "@/server/auth/session";
import { assertOverrideReason } from "./override-reasons";

export const regradeInput = z.object({
  ratingId: z.uuid(),
  grade: z.string().regex(/^(AAA|AA|A|BBB|BB|B|CCC|CC|C|D)$/, "workflow.invalidGrade"),
  reasonCode: z.string().min(1, "validation.required").max(10, "workflow.invalidReasonCode"),
  reason: z.string().trim().min(5, "workflow.reasonRequired").max(2000, "validation.tooLong"),
});

/**
 * Manual re-grade (手工调级) after final approval by an authorised approver: a new rating record linked to the
 * one it replaces, which stays on record as superseded. D is allowed here (a recorded default event).
 */
export async function regradeRating(actor: CurrentUser, raw: z.input<typeof regradeInput>, now = new Date()) {
  const input = regradeInput.parse(raw);
  return getDb().transaction(async (tx) => {
    const old = await ratingById(tx, input.ratingId);
    if (!old) throw new DomainError("NOT_FOUND");
    if (!actor.institutionPath || !isWithinSubtree(actor.institutionPath, old.institutionPath)) throw new DomainError("OUT_OF_SCOPE");
    if (old.status !== "effective") throw new DomainError("CONFLICT", "not effective", { fields: [{ path: "ratingId", message: "workflow.notEffective" }] });
    if (notchesBetween(old.grade, input.grade) === 0) throw new DomainError("VALIDATION", "same grade", { fields: [{ path: "grade", message: "workflow.sameGrade" }] });
    await assertOverrideReason(tx, input.reasonCode, "reasonCode");
    // the row we supersede must still be effective when we write (two re-grades at once: one wins)
    const superseded = await tx.update(ratings).set({ status: "superseded" }).where(and(eq(ratings.id, old.id), eq(ratings.status, "effective"))).returning({ id: ratings.id });
    if (superseded.length !== 1) throw new DomainError("ALREADY_HANDLED");
    const customer = await customerForApplication(tx, old.customerId);
    const { id: _id, createdAt: _c, ...copy } = old;
    const newId = await insertRating(tx, {
      ...copy,
      previousRatingId: old.id,
      origin: "manual_regrade",
      status: "effective",
      institutionPath: customer.institutionPath,
      grade: input.grade,
      approvedBy: actor.id,
      reason: `${input.reasonCode}: ${input.reason}`,
      ratedOn: now.toISOString().slice(0, 10),
    });
    await setCustomerCurrentRating(tx, old.customerId, { grade: input.grade, ratingId: newId, expiresOn: old.expiresOn });
    await appendAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, institutionId: actor.institutionId, action: "rating.regrade", entityType: "rating", entityId: newId, before: { ratingId: old.id, grade: old.grade }, after: { ratingId: newId, grade: input.grade, reasonCode: input.reasonCode, reason: input.reason } }, now);
    return { ratingId: newId };
  });
}
