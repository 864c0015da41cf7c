import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import type { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { auditLog, codeLists, institutions } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { getParameter } from "@/server/data/parameters";
import { createTestDb } from "../setup/test-db";
import { callerFor } from "../fixtures/actors";

let h: DbHandle;
const inst = async (code: string) => {
  const [r] = await h.db.select().from(institutions).where(eq(institutions.code, code));
  return r;
};
const grade = async (code: string) => getParameter(h.db, "escalation.grade", "none", (await inst(code)).path);

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
});
afterAll(async () => h?.close());

async function failure(p: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
  try {
    await p;
  } catch (e) {
    const err = e as TRPCError & { cause?: { fields?: { path: string; message: string }[]; issues?: { path: (string | number)[]; message: string }[] } };
    return { code: err.code, fields: err.cause?.fields?.map((f) => `${f.path}:${f.message}`) ?? err.cause?.issues?.map((i) => `${i.path.join(".")}:${i.message}`) ?? [] };
  }
  return { code: "OK", fields: [] };
}

async function lastAudit(action: string) {
  const [row] = await h.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

describe("escalation threshold inheritance", () => {
  it("inherits down the tree unless set, as the reader and the admin screen both report", async () => {
    const admin = await callerFor(h.db, "admin");
    // seed: global AA, Guangdong branch A
    expect([await grade("HO"), await grade("BJ01"), await grade("GD"), await grade("GD02")]).toEqual(["AA", "AA", "A", "A"]);
    const bj = await inst("BJ");
    await admin.admin.parameters.set({ key: "escalation.grade", institutionId: bj.id, value: "BBB" });
    expect([await grade("BJ"), await grade("BJ01"), await grade("BJ02"), await grade("SH01")]).toEqual(["BBB", "BBB", "BBB", "AA"]);
    const bj01 = await inst("BJ01");
    await admin.admin.parameters.set({ key: "escalation.grade", institutionId: bj01.id, value: "AAA" });
    expect([await grade("BJ01"), await grade("BJ02")]).toEqual(["AAA", "BBB"]);

    const thresholds = await admin.admin.parameters.thresholds();
    const of = (code: string) => thresholds.find((t) => t.code === code)!;
    expect(of("BJ01")).toMatchObject({ own: "AAA", effective: "AAA", source: { kind: "own" } });
    expect(of("BJ02")).toMatchObject({ own: null, effective: "BBB", source: { kind: "inherited", institutionId: bj.id } });
    expect(of("SH")).toMatchObject({ own: null, effective: "AA", source: { kind: "global" } });

    // the global default changes everything that inherits from it, nothing that has its own
    await admin.admin.parameters.set({ key: "escalation.grade", institutionId: null, value: "A" });
    expect([await grade("SH01"), await grade("BJ02"), await grade("GD01")]).toEqual(["A", "BBB", "A"]);
    await admin.admin.parameters.set({ key: "escalation.grade", institutionId: null, value: "AA" });

    // clearing an own value makes the institution inherit again
    await admin.admin.parameters.clear({ key: "escalation.grade", institutionId: bj01.id });
    expect(await grade("BJ01")).toBe("BBB");
    expect(await lastAudit("admin.parameter.clear")).toMatchObject({ entityId: `escalation.grade@${bj01.id}`, before: { value: "AAA" }, after: { value: null, inherited: true } });
  });

  it("follows the tree when an institution moves", async () => {
    const admin = await callerFor(h.db, "admin");
    const [sh02, gd] = [await inst("SH02"), await inst("GD")];
    expect(await grade("SH02")).toBe("AA");
    await admin.admin.institutions.move({ id: sh02.id, parentId: gd.id });
    expect(await grade("SH02")).toBe("A");
    const thresholds = await admin.admin.parameters.thresholds();
    expect(thresholds.find((t) => t.code === "SH02")).toMatchObject({ effective: "A", source: { kind: "inherited", institutionId: gd.id } });
  });
});

describe("parameters", () => {
  it("validates each value with a field-level error and writes nothing then", async () => {
    const admin = await callerFor(h.db, "admin");
    const cases: [string, unknown, string[]][] = [
      ["rating.validityMonths", 0, ["value:admin.parameters.error.validityMonths"]],
      ["upload.maxBytes", 10, ["value:admin.parameters.error.maxBytes"]],
      ["upload.allowedTypes", ["text/html"], ["value.0:admin.parameters.error.uploadType"]],
      ["override.maxNotches", { rater: 2, reviewer: 1, risk_officer: 1, risk_reviewer: 1, approver: -1 }, ["value.approver:admin.parameters.error.notches"]],
      ["sync.schedule", { enabled: true, cron: "61 2 * * *" }, ["value.cron:admin.parameters.error.cron.minute"]],
      ["escalation.grade", "D", ["value:admin.parameters.error.grade"]],
    ];
    for (const [key, value, fields] of cases) expect(await failure(admin.admin.parameters.set({ key, value, institutionId: null }))).toEqual({ code: "BAD_REQUEST", fields });
    expect((await failure(admin.admin.parameters.set({ key: "rating.validityMonths", value: 6, institutionId: (await inst("BJ")).id }))).fields).toEqual(["institutionId:admin.parameters.error.globalOnly"]);
    expect(await getParameter(h.db, "rating.validityMonths", 0)).toBe(12);
  });

  it("audits every change with the value before and after, and skips non-changes", async () => {
    const admin = await callerFor(h.db, "admin");
    expect(await admin.admin.parameters.set({ key: "rating.validityMonths", value: 18, institutionId: null })).toEqual({ changed: true });
    expect(await lastAudit("admin.parameter.set")).toMatchObject({ username: "admin", entityType: "parameter", entityId: "rating.validityMonths", before: { value: 12 }, after: { value: 18 } });
    const count = (await h.db.select({ id: auditLog.id }).from(auditLog)).length;
    expect(await admin.admin.parameters.set({ key: "rating.validityMonths", value: 18, institutionId: null })).toEqual({ changed: false });
    expect((await h.db.select({ id: auditLog.id }).from(auditLog)).length).toBe(count);

    await admin.admin.parameters.set({ key: "sync.schedule", value: { enabled: false, cron: "*/30 8-18 * * 1-5" }, institutionId: null });
    expect(await getParameter(h.db, "sync.schedule", null)).toEqual({ enabled: false, cron: "*/30 8-18 * * 1-5" });
    await admin.admin.parameters.set({ key: "override.maxNotches", value: { rater: 1, reviewer: 1, risk_officer: 1, risk_reviewer: 1, approver: 3 }, institutionId: null });
    expect(await lastAudit("admin.parameter.set")).toMatchObject({ before: { value: { rater: 2, approver: 2 } }, after: { value: { rater: 1, approver: 3 } } });
    const list = await admin.admin.parameters.list();
    expect(list.find((p) => p.key === "rating.validityMonths")).toMatchObject({ value: 18, isDefault: false, updatedBy: "admin" });
  });

  it("keeps staff out", async () => {
    const analyst = await callerFor(h.db, "ho.analyst");
    expect((await failure(analyst.admin.parameters.set({ key: "rating.validityMonths", value: 24, institutionId: null }))).code).toBe("FORBIDDEN");
  });
});

describe("code lists", () => {
  it("lists by type with search and paging", async () => {
    const admin = await callerFor(h.db, "admin");
    const industries = await admin.admin.codeLists.list({ listType: "industry", pageSize: 10 });
    expect(industries.total).toBe(39);
    expect(industries.rows).toHaveLength(10);
    const regions = await admin.admin.codeLists.list({ listType: "region", q: "深圳" });
    expect(regions.rows.map((r) => r.code)).toEqual(["440300"]);
    expect(regions.parents.length).toBeGreaterThan(10);
  });

  it("adds codes with unique, well-formed codes and valid parents", async () => {
    const admin = await callerFor(h.db, "admin");
    await admin.admin.codeLists.create({ listType: "override_reason", code: "OR06", nameZh: "政策性支持", nameEn: "Policy support", sortOrder: 65 });
    expect(await lastAudit("admin.code.create")).toMatchObject({ entityId: "override_reason:OR06", after: { nameEn: "Policy support" } });
    expect((await failure(admin.admin.codeLists.create({ listType: "override_reason", code: "OR06", nameZh: "重复", nameEn: "Dup" }))).fields).toEqual(["code:admin.codeLists.error.codeTaken"]);
    expect((await failure(admin.admin.codeLists.create({ listType: "region", code: "4403", nameZh: "x", nameEn: "x" }))).fields).toEqual(["code:admin.codeLists.format.region"]);
    expect((await failure(admin.admin.codeLists.create({ listType: "region", code: "440305", nameZh: "南山区", nameEn: "Nanshan", parentCode: "999999" }))).fields).toEqual(["parentCode:admin.codeLists.error.parent"]);
    await admin.admin.codeLists.create({ listType: "region", code: "440305", nameZh: "南山区", nameEn: "Nanshan District", parentCode: "440300" });
    expect((await admin.admin.codeLists.list({ listType: "region", q: "440305" })).rows[0]).toMatchObject({ parentCode: "440300", active: true });
  });

  it("edits names and deactivates without deleting; codes in use keep their names", async () => {
    const admin = await callerFor(h.db, "admin");
    await admin.admin.codeLists.update({ listType: "return_reason", code: "RR02", nameZh: "缺少证明文件或文件不清晰", nameEn: "Supporting documents missing or unreadable", parentCode: null, sortOrder: 20 });
    expect(await lastAudit("admin.code.update")).toMatchObject({ before: { nameEn: "Supporting documents missing" }, after: { nameEn: "Supporting documents missing or unreadable" } });
    await admin.admin.codeLists.setActive({ listType: "industry", code: "T", active: false });
    const [t] = await h.db.select().from(codeLists).where(and(eq(codeLists.listType, "industry"), eq(codeLists.code, "T")));
    expect(t).toMatchObject({ active: false, nameEn: "International organizations" });
    expect((await admin.admin.codeLists.list({ listType: "industry", includeInactive: false, pageSize: 200 })).rows.map((r) => r.code)).not.toContain("T");
    expect(await lastAudit("admin.code.deactivate")).toMatchObject({ entityId: "industry:T", before: { active: true }, after: { active: false } });
  });
});
