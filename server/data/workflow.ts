import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { approvalSteps, customers, institutions, modificationHistory, ratingApplications, ratingResults, ratings, users } from "@/db/schema";

export type ApplicationRow = typeof ratingApplications.$inferSelect;

/** Locks the application row for the rest of the transaction: concurrent actions queue here. */
export async function lockApplication(tx: Queryable, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await tx.select().from(ratingApplications).where(eq(ratingApplications.id, id)).for("update").limit(1);
  return row;
}

export async function findApplication(db: Queryable, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(ratingApplications).where(eq(ratingApplications.id, id)).limit(1);
  return row;
}

/** Writes a change only if nobody changed the row since it was read (optimistic concurrency). */
export async function updateApplicationIfVersion(tx: Queryable, id: string, version: number, patch: Partial<typeof ratingApplications.$inferInsert>): Promise<boolean> {
  const rows = await tx
    .update(ratingApplications)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(ratingApplications.id, id), eq(ratingApplications.version, version)))
    .returning({ id: ratingApplications.id });
  return rows.length === 1;
}

export async function insertApplication(tx: Queryable, values: typeof ratingApplications.$inferInsert) {
  const [row] = await tx.insert(ratingApplications).values(values).returning();
  return row;
}

export async function nextReference(tx: Queryable, year: number): Promise<string> {
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(ratingApplications).where(sql`${ratingApplications.reference} like ${`RA-${year}-%`}`);
  return `RA-${year}-${String(n + 1).padStart(6, "0")}`;
}

export async function stepsOf(db: Queryable, applicationId: string) {
  return db
    .select({
      id: approvalSteps.id,
      cycle: approvalSteps.cycle,
      stageIndex: approvalSteps.stageIndex,
      stageKey: approvalSteps.stageKey,
      role: approvalSteps.role,
      institutionId: approvalSteps.institutionId,
      actorUserId: approvalSteps.actorUserId,
      actorName: users.displayName,
      action: approvalSteps.action,
      opinion: approvalSteps.opinion,
      reasonCode: approvalSteps.reasonCode,
      gradeBefore: approvalSteps.gradeBefore,
      gradeAfter: approvalSteps.gradeAfter,
      enteredAt: approvalSteps.enteredAt,
      actedAt: approvalSteps.actedAt,
    })
    .from(approvalSteps)
    .innerJoin(users, eq(users.id, approvalSteps.actorUserId))
    .where(eq(approvalSteps.applicationId, applicationId))
    .orderBy(asc(approvalSteps.id));
}

export async function insertStep(tx: Queryable, values: typeof approvalSteps.$inferInsert) {
  await tx.insert(approvalSteps).values(values);
}

export async function insertHistory(tx: Queryable, rows: (typeof modificationHistory.$inferInsert)[]) {
  if (rows.length) await tx.insert(modificationHistory).values(rows);
}

export async function historyOf(db: Queryable, applicationId: string) {
  return db
    .select({ id: modificationHistory.id, field: modificationHistory.field, oldValue: modificationHistory.oldValue, newValue: modificationHistory.newValue, at: modificationHistory.at, stage: modificationHistory.stage, role: modificationHistory.role, userName: users.displayName })
    .from(modificationHistory)
    .leftJoin(users, eq(users.id, modificationHistory.userId))
    .where(eq(modificationHistory.applicationId, applicationId))
    .orderBy(asc(modificationHistory.id));
}

export async function insertResult(tx: Queryable, values: typeof ratingResults.$inferInsert) {
  const [row] = await tx.insert(ratingResults).values(values).returning({ id: ratingResults.id });
  return row.id;
}

export async function resultById(db: Queryable, id: number) {
  const [row] = await db.select().from(ratingResults).where(eq(ratingResults.id, id)).limit(1);
  return row;
}

/** The institutions from the root down to `id` (path order), with their levels. */
export async function institutionChain(db: Queryable, id: number) {
  const [self] = await db.select({ path: institutions.path }).from(institutions).where(eq(institutions.id, id));
  if (!self) return [];
  const ids = self.path.split("/").filter(Boolean).map(Number);
  const rows = await db.select({ id: institutions.id, level: institutions.level, path: institutions.path, code: institutions.code, nameZh: institutions.nameZh, nameEn: institutions.nameEn }).from(institutions).where(inArray(institutions.id, ids));
  return ids.map((i) => rows.find((r) => r.id === i)!);
}

export async function customerForApplication(db: Queryable, id: string) {
  const [row] = await db
    .select({ customer: customers, institutionPath: institutions.path })
    .from(customers)
    .innerJoin(institutions, eq(institutions.id, customers.institutionId))
    .where(eq(customers.id, id))
    .limit(1);
  return row;
}

export async function effectiveRatingOf(db: Queryable, customerId: string) {
  const [row] = await db.select().from(ratings).where(and(eq(ratings.customerId, customerId), eq(ratings.status, "effective"))).orderBy(desc(ratings.ratedOn)).limit(1);
  return row;
}

export async function insertRating(tx: Queryable, values: typeof ratings.$inferInsert) {
  const [row] = await tx.insert(ratings).values(values).returning({ id: ratings.id });
  return row.id;
}

export async function supersedeRatings(tx: Queryable, customerId: string) {
  await tx.update(ratings).set({ status: "superseded" }).where(and(eq(ratings.customerId, customerId), eq(ratings.status, "effective")));
}

export async function setCustomerCurrentRating(tx: Queryable, customerId: string, v: { grade: string; ratingId: string; expiresOn: string }) {
  await tx.update(customers).set({ currentGrade: v.grade, currentRatingId: v.ratingId, currentRatingExpiresOn: v.expiresOn, updatedAt: new Date() }).where(eq(customers.id, customerId));
}

export async function ratingById(db: Queryable, id: string) {
  const [row] = await db.select().from(ratings).where(eq(ratings.id, id)).limit(1);
  return row;
}

export async function setSystemResult(tx: Queryable, applicationId: string, resultId: number) {
  await tx.update(ratingApplications).set({ systemResultId: resultId }).where(eq(ratingApplications.id, applicationId));
}

export async function setFinalRating(tx: Queryable, applicationId: string, v: { ratingId: string; finalGrade: string; finalPd: string | null }) {
  await tx.update(ratingApplications).set(v).where(eq(ratingApplications.id, applicationId));
}
