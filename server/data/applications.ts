import "server-only";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { customers, institutions, ratingApplications } from "@/db/schema";
import { withinSubtree } from "./scope";

/** Applications waiting on a role at one institution (escalations arrive with the parent as current institution). */
export async function listQueue(db: Queryable, q: { role: string; institutionId: number; userId: string }) {
  const waitingOnRole = and(eq(ratingApplications.currentRole, q.role), eq(ratingApplications.currentInstitutionId, q.institutionId), inArray(ratingApplications.status, ["submitted", "in_review"]));
  const returnedToMe = and(eq(ratingApplications.status, "returned"), sql`coalesce(${ratingApplications.raterUserId}, ${ratingApplications.initiatorUserId}) = ${q.userId}`);
  return db
    .select({
      id: ratingApplications.id,
      reference: ratingApplications.reference,
      status: ratingApplications.status,
      currentRole: ratingApplications.currentRole,
      escalated: ratingApplications.escalated,
      proposedGrade: ratingApplications.proposedGrade,
      stageEnteredAt: ratingApplications.stageEnteredAt,
      customerName: customers.name,
      customerCode: customers.code,
    })
    .from(ratingApplications)
    .innerJoin(customers, eq(customers.id, ratingApplications.customerId))
    .where(sql`(${waitingOnRole}) or (${returnedToMe})`)
    .orderBy(asc(ratingApplications.stageEnteredAt))
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
