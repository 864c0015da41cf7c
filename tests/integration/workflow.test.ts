import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { approvalSteps, auditLog, customers, institutions, ratings, users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { createTestDb } from "../setup/test-db";
import { callerFor } from "../fixtures/actors";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
});
afterAll(async () => h?.close());

async function customerAt(inst: string, type: string, grade?: string) {
  const rows = await h.db
    .select({ id: customers.id })
    .from(customers)
    .innerJoin(institutions, eq(institutions.id, customers.institutionId))
    .where(and(eq(institutions.code, inst), sql`${customers.type}::text = ${type}`, sql`${customers.applicantUserId} is null`, grade ? eq(customers.currentGrade, grade) : sql`true`));
  return rows;
}

async function code(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const cause = (e as TRPCError).cause as { code?: string } | undefined;
    return cause?.code ?? (e as TRPCError).code;
  }
  return "OK";
}

/** Creates, rates, evaluates (keeping or proposing `grade`) and submits an application as `rater`. */
async function prepared(rater: string, customerId: string, grade?: string) {
  const r = await callerFor(h.db, rater);
  const { id } = await r.applications.create({ customerId });
  let app = await r.applications.get({ id });
  const rated = await r.applications.runSystemRating({ applicationId: id, expectedVersion: app.version });
  app = await r.applications.get({ id });
  const g = grade ?? rated.grade;
  await r.applications.saveEvaluation({
    applicationId: id,
    expectedVersion: app.version,
    grade: g,
    ...(g !== rated.grade ? { overrideReasonCode: "OR01", overrideReason: "行业前景改善,模型未充分反映" } : {}),
    directOpinion: "经营稳定,财务状况良好",
    conclusionApprove: true,
    creditRiskOpinion: "信用风险可控",
    suggestedGrade: g,
  });
  app = await r.applications.get({ id });
  await r.applications.act({ applicationId: id, expectedVersion: app.version, action: "submit" });
  return { id, systemGrade: rated.grade };
}

async function agree(username: string, id: string, grade?: string) {
  const c = await callerFor(h.db, username);
  const app = await c.applications.get({ id });
  return c.applications.act({ applicationId: id, expectedVersion: app.version, action: "agree", opinion: "同意", grade });
}

describe("rating workflow on the database", () => {
  it("finishes a low grade at the branch: rating effective, customer grade updated, every step recorded", async () => {
    const [c] = await customerAt("BJ", "corporate", "BB");
    const { id } = await prepared("bj.rater", c.id, "BB");
    for (const u of ["bj.reviewer", "bj.risk_officer", "bj.risk_reviewer"]) await agree(u, id);
    const last = await agree("bj.approver", id);
    expect(last.status).toBe("approved");
    const [rating] = await h.db.select().from(ratings).where(and(eq(ratings.customerId, c.id), eq(ratings.status, "effective")));
    expect(rating).toMatchObject({ grade: "BB", origin: "approval" });
    const [cust] = await h.db.select().from(customers).where(eq(customers.id, c.id));
    expect(cust.currentGrade).toBe("BB");
    expect(cust.currentRatingId).toBe(rating.id);
    const steps = await h.db.select().from(approvalSteps).where(eq(approvalSteps.applicationId, id));
    expect(steps.map((s) => `${s.stageKey}:${s.action}`)).toEqual(["initial:submit", "review:agree", "risk_handling:agree", "risk_review:agree", "approval:agree"]);
    const history = await (await callerFor(h.db, "bj.analyst")).applications.history({ id });
    expect(history.map((x) => x.field)).toEqual(expect.arrayContaining(["systemRating", "directOpinion", "status"]));
  });

  it("escalates a high grade to head office, whose approver decides", async () => {
    const [c] = await customerAt("SH", "corporate", "AAA");
    const { id } = await prepared("sh.rater", c.id, "AAA");
    for (const u of ["sh.reviewer", "sh.risk_officer", "sh.risk_reviewer", "sh.approver"]) await agree(u, id);
    const mid = await (await callerFor(h.db, "ho.risk_officer")).applications.get({ id });
    expect(mid.internal?.currentStage).toMatchObject({ key: "hq_risk_handling", escalation: true });
    expect(mid.actions).toContain("agree");
    const todo = await (await callerFor(h.db, "ho.risk_officer")).workspace.todo();
    expect(todo.applications.map((a) => a.id)).toContain(id);
    for (const u of ["ho.risk_officer", "ho.risk_reviewer"]) await agree(u, id);
    expect((await agree("ho.approver", id)).status).toBe("approved");
  });

  it("lets exactly one of 20 parallel approvals of one step win, with one audit row", async () => {
    const [, c] = await customerAt("BJ", "corporate");
    const { id } = await prepared("bj.rater", c.id);
    const reviewer = await callerFor(h.db, "bj.reviewer");
    const app = await reviewer.applications.get({ id });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => reviewer.applications.act({ applicationId: id, expectedVersion: app.version, action: "agree", opinion: "同意" })),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const codes = results.filter((r) => r.status === "rejected").map((r) => ((r as PromiseRejectedResult).reason.cause as { code: string }).code);
    const audits = await h.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "rating.agree")));
    const steps = await h.db.select().from(approvalSteps).where(and(eq(approvalSteps.applicationId, id), eq(approvalSteps.action, "agree")));
    console.log(`20 parallel approvals: ${ok} succeeded, ${codes.length} refused (${[...new Set(codes)].join(",")}), ${audits.length} audit row, ${steps.length} step`);
    expect(ok).toBe(1);
    expect(new Set(codes)).toEqual(new Set(["ALREADY_HANDLED"]));
    expect(audits).toHaveLength(1);
    expect(steps).toHaveLength(1);
  });

  it("keeps a branch-A user from reading or acting on branch B's application by id", async () => {
    const [c] = await customerAt("GD", "sme");
    const { id } = await prepared("gd.rater", c.id);
    const bj = await callerFor(h.db, "bj.reviewer");
    expect(await code(bj.applications.get({ id }))).toBe("OUT_OF_SCOPE");
    expect(await code(bj.applications.act({ applicationId: id, expectedVersion: 1, action: "agree", opinion: "同意" }))).toBe("OUT_OF_SCOPE");
    expect(await code(bj.applications.history({ id }))).toBe("OUT_OF_SCOPE");
    const list = await (await callerFor(h.db, "bj.analyst")).applications.list({ pageSize: 200 });
    expect(list.rows.map((r) => r.id)).not.toContain(id);
  });

  it("enforces segregation of duties and notch limits through the API", async () => {
    const [, , c] = await customerAt("SC", "corporate");
    const { id } = await prepared("sc.rater", c.id);
    const rater = await callerFor(h.db, "sc.rater");
    const app = await rater.applications.get({ id });
    expect(await code(rater.applications.act({ applicationId: id, expectedVersion: app.version, action: "agree", opinion: "同意" }))).toBe("FORBIDDEN");
    expect(await code(agree("sc.reviewer", id, "AAA"))).toMatch(/INVALID_ADJUSTMENT|OK/);
  });

  it("returns to the rater with a reason, and the resubmission restarts the chain", async () => {
    const [c] = await customerAt("GD", "corporate");
    const { id } = await prepared("gd.rater", c.id);
    await agree("gd.reviewer", id);
    const ro = await callerFor(h.db, "gd.risk_officer");
    let app = await ro.applications.get({ id });
    await ro.applications.act({ applicationId: id, expectedVersion: app.version, action: "return", opinion: "请补充担保材料" });
    const rater = await callerFor(h.db, "gd.rater");
    app = await rater.applications.get({ id });
    expect(app).toMatchObject({ status: "returned", returnReason: "请补充担保材料" });
    expect(app.actions).toContain("submit");
    await rater.applications.act({ applicationId: id, expectedVersion: app.version, action: "submit" });
    app = await rater.applications.get({ id });
    expect(app.internal).toMatchObject({ cycle: 2, currentStage: { key: "review" } });
    await agree("gd.reviewer", id); // the same reviewer acts again in the new cycle
  });

  it("runs a portal application: applicant submits, a rater reviews, the applicant never sees internal opinions", async () => {
    const applicant = await callerFor(h.db, "ent.applicant1");
    const [own] = await h.db.select({ id: customers.id }).from(customers).innerJoin(users, eq(users.id, customers.applicantUserId)).where(eq(users.username, "ent.applicant1"));
    const { id } = await applicant.applications.create({ customerId: own.id });
    let view = await applicant.applications.get({ id });
    expect(view.actions).toEqual(expect.arrayContaining(["edit", "applicant_submit", "withdraw"]));
    await applicant.applications.act({ applicationId: id, expectedVersion: view.version, action: "applicant_submit" });
    const rater = await callerFor(h.db, "bj.rater");
    expect((await rater.workspace.todo()).applications.map((a) => a.id)).toContain(id);
    let app = await rater.applications.get({ id });
    await rater.applications.act({ applicationId: id, expectedVersion: app.version, action: "request_info", opinion: "请上传最新审计报告" });
    view = await applicant.applications.get({ id });
    expect(view).toMatchObject({ status: "returned", returnedTo: "applicant", returnReason: "请上传最新审计报告", internal: null });
    await applicant.applications.act({ applicationId: id, expectedVersion: view.version, action: "applicant_submit" });
    app = await rater.applications.get({ id });
    expect(app.status).toBe("submitted");
    expect(await code(applicant.applications.list({}))).toBe("FORBIDDEN");
  });
});
