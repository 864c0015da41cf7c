/** Manual re-grade (手工调级) of an effective rating, on the database (PGlite, or PostgreSQL with DATABASE_URL). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { auditLog, codeLists, customers, institutions, ratings } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { createTestDb } from "../setup/test-db";
import { callerFor } from "../fixtures/actors";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
});
afterAll(async () => h?.close());

/** Customers of a branch with an effective rating (seeded history), excluding D. */
async function ratedCustomers(inst: string) {
  return h.db
    .select({ id: customers.id, grade: customers.currentGrade, ratingId: customers.currentRatingId })
    .from(customers)
    .innerJoin(institutions, eq(institutions.id, customers.institutionId))
    .innerJoin(ratings, eq(ratings.id, customers.currentRatingId))
    .where(and(eq(institutions.code, inst), isNotNull(customers.currentRatingId), eq(ratings.status, "effective"), sql`${customers.currentGrade} <> 'D'`))
    .limit(6);
}

async function failure(p: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
  try {
    await p;
  } catch (e) {
    // domain refusals carry their code and fields on the cause; input (zod) errors are BAD_REQUEST with issues
    const err = e as TRPCError & { cause?: { code?: string; fields?: { path: string }[]; issues?: { path: (string | number)[] }[] } };
    return { code: err.cause?.code ?? err.code, fields: err.cause?.fields?.map((f) => f.path) ?? err.cause?.issues?.map((i) => i.path.join(".")) ?? [] };
  }
  return { code: "OK", fields: [] };
}

const reason = "客户出现重大经营风险事件,下调评级";

describe("manual re-grade", () => {
  it("creates a new effective rating linked to the old one, supersedes it, moves the customer's grade and audits it", async () => {
    const [c] = await ratedCustomers("BJ");
    const newGrade = c.grade === "B" ? "CCC" : "B";
    const approver = await callerFor(h.db, "bj.approver");
    const { ratingId } = await approver.applications.regrade({ ratingId: c.ratingId!, grade: newGrade, reasonCode: "OR02", reason });
    const [fresh] = await h.db.select().from(ratings).where(eq(ratings.id, ratingId));
    const [old] = await h.db.select().from(ratings).where(eq(ratings.id, c.ratingId!));
    expect(fresh).toMatchObject({ grade: newGrade, status: "effective", origin: "manual_regrade", previousRatingId: old.id, customerId: c.id });
    expect(fresh.reason).toBe(`OR02: ${reason}`);
    expect(old.status).toBe("superseded");
    expect(old.grade).toBe(c.grade);
    const [cust] = await h.db.select().from(customers).where(eq(customers.id, c.id));
    expect(cust).toMatchObject({ currentGrade: newGrade, currentRatingId: ratingId });
    const audits = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "rating.regrade"), eq(auditLog.entityId, ratingId)));
    expect(audits).toHaveLength(1);
    expect(audits[0].before).toMatchObject({ ratingId: old.id, grade: c.grade });
    // the superseded rating cannot be re-graded again
    expect(await failure(approver.applications.regrade({ ratingId: old.id, grade: "BBB", reasonCode: "OR02", reason }))).toEqual({ code: "CONFLICT", fields: ["ratingId"] });
  });

  it("refuses a role without the permission and an approver of another branch, changing nothing", async () => {
    const [, c] = await ratedCustomers("BJ");
    const grade = c.grade === "B" ? "CCC" : "B";
    expect((await failure((await callerFor(h.db, "bj.rater")).applications.regrade({ ratingId: c.ratingId!, grade, reasonCode: "OR01", reason }))).code).toBe("FORBIDDEN");
    expect((await failure((await callerFor(h.db, "gd.approver")).applications.regrade({ ratingId: c.ratingId!, grade, reasonCode: "OR01", reason }))).code).toBe("OUT_OF_SCOPE");
    const [r] = await h.db.select().from(ratings).where(eq(ratings.id, c.ratingId!));
    expect(r.status).toBe("effective");
  });

  it("reports a same grade, a missing reason code and a short reason at their fields", async () => {
    const [, , c] = await ratedCustomers("BJ");
    const approver = await callerFor(h.db, "bj.approver");
    expect(await failure(approver.applications.regrade({ ratingId: c.ratingId!, grade: c.grade!, reasonCode: "OR01", reason }))).toEqual({ code: "VALIDATION", fields: ["grade"] });
    const bad = await failure(approver.applications.regrade({ ratingId: c.ratingId!, grade: "CC", reasonCode: "", reason: "短" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.fields).toEqual(expect.arrayContaining(["reasonCode", "reason"]));
  });

  it("accepts only an active override reason from the code list, in a re-grade and in a direct evaluation", async () => {
    const [, , , , c] = await ratedCustomers("BJ");
    const grade = c.grade === "B" ? "CCC" : "B";
    const approver = await callerFor(h.db, "bj.approver");
    expect(await failure(approver.applications.regrade({ ratingId: c.ratingId!, grade, reasonCode: "OR77", reason }))).toEqual({ code: "VALIDATION", fields: ["reasonCode"] });
    await h.db.update(codeLists).set({ active: false }).where(and(eq(codeLists.listType, "override_reason"), eq(codeLists.code, "OR05")));
    expect((await approver.workspace.overrideReasons()).map((r) => r.code)).not.toContain("OR05");
    expect(await failure(approver.applications.regrade({ ratingId: c.ratingId!, grade, reasonCode: "OR05", reason }))).toEqual({ code: "VALIDATION", fields: ["reasonCode"] });

    const rater = await callerFor(h.db, "bj.rater");
    const { id } = await rater.applications.create({ customerId: c.id });
    const rated = await rater.applications.runSystemRating({ applicationId: id, expectedVersion: (await rater.applications.get({ id })).version });
    const scale = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C"];
    const other = scale[scale.indexOf(rated.grade) + (rated.grade === "C" ? -1 : 1)]; // one notch, within the rater's limit
    const evaluation = { applicationId: id, expectedVersion: (await rater.applications.get({ id })).version, grade: other, overrideReason: reason, directOpinion: "经营稳定", conclusionApprove: true, creditRiskOpinion: "风险可控", suggestedGrade: other };
    expect(await failure(rater.applications.saveEvaluation({ ...evaluation, overrideReasonCode: "OR05" }))).toEqual({ code: "VALIDATION", fields: ["overrideReasonCode"] });
    expect(await failure(rater.applications.saveEvaluation({ ...evaluation, overrideReasonCode: "OR01" }))).toEqual({ code: "OK", fields: [] });
    await h.db.update(codeLists).set({ active: true }).where(and(eq(codeLists.listType, "override_reason"), eq(codeLists.code, "OR05")));
  });

  it("lets exactly one of 10 simultaneous re-grades of one rating win", async () => {
    const [, , , , , c] = await ratedCustomers("BJ");
    const approver = await callerFor(h.db, "bj.approver");
    const grades = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"].filter((g) => g !== c.grade).slice(0, 10);
    while (grades.length < 10) grades.push(grades[0]);
    const results = await Promise.allSettled(grades.map((grade) => approver.applications.regrade({ ratingId: c.ratingId!, grade, reasonCode: "OR03", reason })));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const codes = await Promise.all(results.filter((r) => r.status === "rejected").map((r) => failure(Promise.reject((r as PromiseRejectedResult).reason))));
    for (const f of codes) expect(["ALREADY_HANDLED", "CONFLICT"]).toContain(f.code);
    const effective = await h.db.select().from(ratings).where(and(eq(ratings.customerId, c.id), eq(ratings.status, "effective")));
    expect(effective).toHaveLength(1);
  });
});
