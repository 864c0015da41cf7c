import "server-only";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { customers, institutions, ratingApplications } from "@/db/schema";
import { withinSubtree } from "./scope";

/**
 * What waits on a user: review stages of their role at their institution (escalations arrive with the parent
 * as current institution); for raters also portal submissions in their subtree, their own drafts and the
 * applications returned to them.
 */
export async function listQueue(db: Queryable, q: { role: string; institutionId: number; institutionPath: string; userId: string }) {
  const waitingOnRole = and(eq(ratingApplications.currentRole, q.role), eq(ratingApplications.currentInstitutionId, q.institutionId), eq(ratingApplications.status, "in_review"));
  const raterWork =
    q.role === "rater"
      ? sql`(${ratingApplications.status} = 'submitted' and (${ratingApplications.raterUserId} is null or ${ratingApplications.raterUserId} = ${q.userId}) and ${withinSubtree(institutions.path, q.institutionPath)})
         or (${ratingApplications.status} in ('draft', 'system_rated') and ${ratingApplications.raterUserId} = ${q.userId})
         or (${ratingApplications.status} = 'returned' and ${ratingApplications.returnedTo} = 'rater' and ${ratingApplications.raterUserId} = ${q.userId})`
      : sql`false`;
  return db
    .select({
      id: ratingApplications.id,
      reference: ratingApplications.reference,
      status: ratingApplications.status,
      channel: ratingApplications.channel,
      currentRole: ratingApplications.currentRole,
      escalated: ratingApplications.escalated,
      proposedGrade: ratingApplications.proposedGrade,
      stageEnteredAt: ratingApplications.stageEnteredAt,
      customerName: customers.name,
      customerCode: customers.code,
    })
    .from(ratingApplications)
    .innerJoin(customers, eq(customers.id, ratingApplications.customerId))
    .innerJoin(institutions, eq(institutions.id, ratingApplications.institutionId))
    .where(sql`(${waitingOnRole}) or (${raterWork})`)
    .orderBy(asc(ratingApplications.stageEnteredAt))
    .limit(200);
}

/** Annual review: customers a rater manages whose rating expires within `days` (or has expired), with no open application. */
export async function listRenewals(db: Queryable, q: { userId: string; today: string; days: number }) {
  return db
    .select({ customerId: customers.id, customerCode: customers.code, customerName: customers.name, grade: customers.currentGrade, expiresOn: customers.currentRatingExpiresOn })
    .from(customers)
    .where(
      sql`${customers.managerUserId} = ${q.userId} and ${customers.currentRatingExpiresOn} is not null
        and ${customers.currentRatingExpiresOn} <= (${q.today}::date + ${q.days}::int)
        and ${customers.deletedAt} is null
        and not exists (select 1 from rating_applications a where a.customer_id = ${customers.id} and a.status in ('draft','system_rated','submitted','in_review','returned'))`,
    )
    .orderBy(asc(customers.currentRatingExpiresOn))
    .limit(200);
}

export async function countApplicationsInScope(db: Queryable, path: string) {
  const rows = await db
    .select({ status: ratingApplications.status, n: count() })
    .from(ratingApplications)
    .innerJoin(institutions, eq(institutions.id, ratingApplications.institutionId))
    .where(withinSubtree(institutions.path, path))
    .groupBy(ratingApplications.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

export async function listOwnApplications(db: Queryable, applicantUserId: string) {
  return db
    .select({ id: ratingApplications.id, reference: ratingApplications.reference, status: ratingApplications.status, finalGrade: ratingApplications.finalGrade, createdAt: ratingApplications.createdAt })
    .from(ratingApplications)
    .where(eq(ratingApplications.initiatorUserId, applicantUserId))
    .orderBy(sql`${ratingApplications.createdAt} desc`);
}
