import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { ratingApplications } from "@/db/schema";
import { appendAudit } from "@/server/data/audit";
import { activeModelsByCustomerType } from "@/server/data/models";
import { loadRatingSources } from "@/server/data/rating-sources";
import { customerForApplication, insertApplication, nextReference } from "@/server/data/workflow";
import { canSeeCustomer } from "@/server/domain/authz/scope";
import { DomainError } from "@/server/domain/errors";
import { previousPeriod } from "@/server/domain/rating-input/assemble";
import type { CurrentUser } from "@/server/auth/session";
import { recordDenied } from "@/server/services/auth/record-denied";

export interface ApplicationInputs {
  period: string | null;
  statements: { current: Record<string, number>; previous: Record<string, number> };
  answers: Record<string, string>;
}

const OPEN = ["draft", "system_rated", "submitted", "in_review", "returned"] as const;

/**
 * Starts a rating application: a rater for a customer of their subtree (bank channel), or an applicant for
 * their own customer record (portal). Inputs are prefilled from the stored statements and answers of the
 * latest period; one open application per customer at a time.
 */
export async function createApplication(actor: CurrentUser, customerId: string, now = new Date()) {
  let denied = false;
  try {
    return await createInTransaction(actor, customerId, now, () => (denied = true));
  } catch (e) {
    // audited outside the rolled-back transaction (see apply-transition.ts)
    if (denied) await recordDenied(actor, "customer.scope", `customer:${customerId}`);
    throw e;
  }
}

async function createInTransaction(actor: CurrentUser, customerId: string, now: Date, onDenied: () => void) {
  const db = getDb();
  return db.transaction(async (tx) => {
    const row = await customerForApplication(tx, customerId);
    if (!row) throw new DomainError("NOT_FOUND");
    const c = row.customer;
    const visible = canSeeCustomer({ userId: actor.id, role: actor.role, institutionPath: actor.institutionPath, isApplicant: actor.isApplicant }, { institutionPath: row.institutionPath, applicantUserId: c.applicantUserId });
    if (!visible) {
      onDenied();
      throw new DomainError("OUT_OF_SCOPE");
    }
    const [open] = await tx.select({ id: ratingApplications.id, reference: ratingApplications.reference }).from(ratingApplications).where(and(eq(ratingApplications.customerId, customerId), inArray(ratingApplications.status, [...OPEN]))).limit(1);
    if (open) throw new DomainError("CONFLICT", "open application exists", { params: { reference: open.reference }, fields: [{ path: "customerId", message: "workflow.openApplicationExists", params: { reference: open.reference } }] });
    const model = (await activeModelsByCustomerType(tx)).get(c.type);
    if (!model) throw new DomainError("VALIDATION", "no model", { fields: [{ path: "customerId", message: "workflow.noActiveModel" }] });

    const sources = (await loadRatingSources(tx, [customerId])).get(customerId)!;
    const periods = Object.keys(sources.statementsByPeriod).sort();
    const answerPeriods = Object.keys(sources.answersByPeriod).sort();
    const period = periods.at(-1) ?? answerPeriods.at(-1) ?? null;
    const inputs: ApplicationInputs = {
      period,
      statements: { current: period ? (sources.statementsByPeriod[period] ?? {}) : {}, previous: period ? (sources.statementsByPeriod[previousPeriod(period)] ?? {}) : {} },
      answers: (period && sources.answersByPeriod[period]) || (answerPeriods.length ? sources.answersByPeriod[answerPeriods.at(-1)!] : {}),
    };
    const portal = actor.isApplicant;
    const app = await insertApplication(tx, {
      reference: await nextReference(tx, now.getUTCFullYear()),
      customerId,
      institutionId: c.institutionId,
      channel: portal ? "portal" : "bank",
      chainKey: portal ? "portal" : "bank",
      initiatorUserId: actor.id,
      raterUserId: portal ? null : actor.id,
      status: "draft",
      currentRole: portal ? "applicant" : "rater",
      currentInstitutionId: c.institutionId,
      stageEnteredAt: now,
      period,
      modelVersionId: model.versionId,
      customerSnapshot: { code: c.code, name: c.name, type: c.type, industryCode: c.industryCode, regionCode: c.regionCode, natureCode: c.natureCode, creditCode: c.creditCode, idNumberMasked: c.idNumberMasked },
      inputs,
      wizardStep: portal ? "basic" : "financials",
    });
    await appendAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, institutionId: actor.institutionId, action: "rating.create", entityType: "rating_application", entityId: app.id, after: { reference: app.reference, customerId, channel: app.channel } }, now);
    return { id: app.id, reference: app.reference };
  });
}
