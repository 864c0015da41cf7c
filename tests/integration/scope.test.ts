import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { auditLog, customers, institutions } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { createTestDb } from "../setup/test-db";
import { callerFor } from "../fixtures/actors";

let h: DbHandle;
let shCustomerId: string;
let bjSubBranchCustomerId: string;
let ownApplicantCustomerId: string;

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  const byInst = async (code: string) => {
    const [row] = await h.db.select({ id: customers.id }).from(customers).innerJoin(institutions, eq(institutions.id, customers.institutionId)).where(and(eq(institutions.code, code), sql`${customers.applicantUserId} is null`)).limit(1);
    return row.id;
  };
  shCustomerId = await byInst("SH");
  bjSubBranchCustomerId = await byInst("BJ01");
  const [own] = await h.db.execute<{ id: string }>(sql`select c.id from customers c join users u on u.id = c.applicant_user_id where u.username = 'ent.applicant1'`).then((r) => (Array.isArray(r) ? r : (r as unknown as { rows: { id: string }[] }).rows));
  ownApplicantCustomerId = own.id;
});
afterAll(async () => h?.close());

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return (e as TRPCError).code;
  }
  return "ALLOWED";
}

describe("institution scope on the server", () => {
  it("refuses a branch user another branch's customer by id, and audits the attempt", async () => {
    const bj = await callerFor(h.db, "bj.rater");
    expect(await refusal(bj.customers.get({ id: shCustomerId }))).toBe("FORBIDDEN");
    const [last] = await h.db.select().from(auditLog).where(eq(auditLog.action, "security.permission_denied")).orderBy(desc(auditLog.id)).limit(1);
    expect(last).toMatchObject({ username: "bj.rater", entityId: `customer:${shCustomerId}` });
  });

  it("lets a branch user read customers of its sub-branches and head office read everything", async () => {
    const bj = await callerFor(h.db, "bj.rater");
    expect((await bj.customers.get({ id: bjSubBranchCustomerId })).id).toBe(bjSubBranchCustomerId);
    const ho = await callerFor(h.db, "ho.approver");
    expect((await ho.customers.get({ id: shCustomerId })).id).toBe(shCustomerId);
  });

  it("refuses a sub-branch user its parent branch's other customers", async () => {
    const sub = await callerFor(h.db, "bj01.rater");
    const [bjOwn] = await h.db.select({ id: customers.id }).from(customers).innerJoin(institutions, eq(institutions.id, customers.institutionId)).where(eq(institutions.code, "BJ")).limit(1);
    expect(await refusal(sub.customers.get({ id: bjOwn.id }))).toBe("FORBIDDEN");
  });

  it("lists only the subtree, whatever filter the client sends", async () => {
    const bj = await callerFor(h.db, "bj.rater");
    const all = await bj.customers.list({ pageSize: 200 });
    const paths = await h.db.select({ id: customers.id, path: institutions.path }).from(customers).innerJoin(institutions, eq(institutions.id, customers.institutionId));
    const pathOf = new Map(paths.map((p) => [p.id, p.path]));
    const [bjInst] = await h.db.select({ path: institutions.path, id: institutions.id }).from(institutions).where(eq(institutions.code, "BJ"));
    expect(all.total).toBeGreaterThan(0);
    for (const row of all.rows) expect(pathOf.get(row.id)!.startsWith(bjInst.path)).toBe(true);
    const [shInst] = await h.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, "SH"));
    expect((await bj.customers.list({ institutionId: shInst.id })).total).toBe(0);
    const ho = await callerFor(h.db, "ho.analyst");
    expect((await ho.customers.list({})).total).toBeGreaterThan(all.total);
  });

  it("sorts and pages on the server", async () => {
    const ho = await callerFor(h.db, "ho.analyst");
    const p1 = await ho.customers.list({ sort: "name", dir: "desc", page: 1, pageSize: 10 });
    const p2 = await ho.customers.list({ sort: "name", dir: "desc", page: 2, pageSize: 10 });
    expect(p1.rows).toHaveLength(10);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(20);
    const filtered = await ho.customers.list({ type: "individual", pageSize: 200 });
    expect(filtered.rows.every((r) => r.type === "individual")).toBe(true);
  });

  it("shows applicants only their own record, and keeps them out of staff procedures", async () => {
    const app = await callerFor(h.db, "ent.applicant1");
    expect(await refusal(app.customers.get({ id: shCustomerId }))).toBe("FORBIDDEN");
    expect(await refusal(app.workspace.dashboard())).toBe("FORBIDDEN");
    const home = await app.workspace.portalHome();
    expect(home.customers.map((c) => c.id)).toEqual([ownApplicantCustomerId]);
  });

  it("keeps admins out of customer data and staff out of the admin area", async () => {
    const admin = await callerFor(h.db, "admin");
    expect(await refusal(admin.customers.list({}))).toBe("FORBIDDEN");
    expect((await admin.admin.overview()).tree.length).toBeGreaterThan(10);
    const rater = await callerFor(h.db, "bj.rater");
    expect(await refusal(rater.admin.overview())).toBe("FORBIDDEN");
  });

  it("refuses anonymous calls", async () => {
    const anon = await callerFor(h.db, null);
    expect(await refusal(anon.customers.list({}))).toBe("UNAUTHORIZED");
  });

  it("masks ID numbers for roles that may not read them", async () => {
    const [ind] = await h.db.select({ id: customers.id, inst: institutions.code }).from(customers).innerJoin(institutions, eq(institutions.id, customers.institutionId)).where(and(eq(customers.type, "individual"), eq(institutions.code, "SH"))).limit(1);
    const analyst = await callerFor(h.db, "sh.analyst");
    expect((await analyst.customers.get({ id: ind.id })).idNumber).toMatch(/^\d{6}\*+\w{4}$/);
    const rater = await callerFor(h.db, "sh.rater");
    expect((await rater.customers.get({ id: ind.id })).idNumber).toMatch(/^\d{17}[\dX]$/);
  });
});
