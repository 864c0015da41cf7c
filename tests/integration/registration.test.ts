import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { auditLog, customers, institutions, users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { decryptIdNumber } from "@/server/auth/id-number-crypto";
import { authenticate } from "@/server/services/auth/authenticate";
import { usccCheckChar } from "@/server/domain/validation/identity";
import { createTestDb } from "../setup/test-db";

const CREDIT_CODE = `91110108MA01ABCD3${usccCheckChar("91110108MA01ABCD3")}`;
import { callerFor } from "../fixtures/actors";

let h: DbHandle;
let branchId: number;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  [{ id: branchId }] = await h.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, "BJ"));
});
afterAll(async () => h?.close());

const enterprise = () => ({
  kind: "enterprise",
  username: "acme.fin",
  email: "Finance@Acme-Example.cn",
  phone: "13800138000",
  password: "Str0ng&Secret",
  passwordConfirm: "Str0ng&Secret",
  institutionId: String(branchId),
  orgType: "sme",
  enterpriseName: "北京示例精密仪器有限公司",
  creditCode: CREDIT_CODE,
  contactName: "王五",
});

async function counts() {
  const [[u], [c], [a]] = await Promise.all([
    h.db.select({ n: count() }).from(users),
    h.db.select({ n: count() }).from(customers),
    h.db.select({ n: count() }).from(auditLog),
  ]);
  return { users: u.n, customers: c.n, audit: a.n };
}

async function fieldErrors(input: Record<string, unknown>, locale: "zh" | "en" = "en") {
  const caller = await callerFor(h.db, null, locale);
  try {
    await caller.auth.register(input);
  } catch (e) {
    expect(e).toBeInstanceOf(TRPCError);
    return (e as TRPCError).cause as unknown as { fields: { path: string; message: string }[] };
  }
  throw new Error("registration unexpectedly succeeded");
}

describe("applicant registration", () => {
  it("creates the account, its own customer record and an audit row in one go, and the applicant can sign in", async () => {
    const input = enterprise();
    const before = await counts();
    await (await callerFor(h.db, null)).auth.register(input);
    const after = await counts();
    expect(after).toEqual({ users: before.users + 1, customers: before.customers + 1, audit: before.audit + 1 });
    const [u] = await h.db.select().from(users).where(eq(users.username, "acme.fin"));
    expect(u.role).toBe("applicant_enterprise");
    expect(u.email).toBe("finance@acme-example.cn");
    expect(u.passwordHash).toMatch(/^\$argon2id\$/);
    const [c] = await h.db.select().from(customers).where(eq(customers.applicantUserId, u.id));
    expect(c).toMatchObject({ type: "sme", name: input.enterpriseName, institutionId: branchId, source: "portal" });
    expect((await authenticate("acme.fin", "Str0ng&Secret")).id).toBe(u.id);
  });

  it("stores an individual's ID number encrypted, hashed and masked", async () => {
    await (await callerFor(h.db, null)).auth.register({
      ...enterprise(),
      kind: "individual",
      username: "li.si",
      email: "li.si@example.cn",
      fullName: "李四",
      idNumber: "11010519491231002x",
    });
    const [c] = await h.db.select().from(customers).innerJoin(users, eq(users.id, customers.applicantUserId)).where(eq(users.username, "li.si"));
    expect(c.customers.idNumberEnc).not.toContain("11010519491231002X");
    expect(decryptIdNumber(c.customers.idNumberEnc!)).toBe("11010519491231002X");
    expect(c.customers.idNumberMasked).toBe("110105********002X");
    expect(c.customers.birthDate).toBe("1949-12-31");
  });

  it("refuses duplicates per field and writes nothing", async () => {
    const before = await counts();
    const err = await fieldErrors({ ...enterprise(), email: "FINANCE@acme-example.cn" });
    expect(err.fields.map((f) => f.path).sort()).toEqual(["creditCode", "email", "username"]);
    const dupId = await fieldErrors({ ...enterprise(), kind: "individual", username: "wang.er", email: "w@example.cn", fullName: "王二", idNumber: "11010519491231002X" });
    expect(dupId.fields).toEqual([{ path: "idNumber", message: "validation.idNumberTaken" }]);
    expect(await counts()).toEqual(before);
  });

  it("refuses malformed fields with field-level, translated messages", async () => {
    const caller = await callerFor(h.db, null, "zh");
    const before = await counts();
    try {
      await caller.auth.register({ ...enterprise(), username: "new.user", email: "bad", creditCode: "123", phone: "1" });
      throw new Error("should fail");
    } catch (e) {
      const fields = ((e as TRPCError).cause as unknown as { fields: { path: string }[] }).fields.map((f) => f.path).sort();
      expect(fields).toEqual(["creditCode", "email", "phone"]);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses the head office as handling institution", async () => {
    const [{ id: ho }] = await h.db.select({ id: institutions.id }).from(institutions).where(sql`${institutions.level} = 0`);
    const err = await fieldErrors({ ...enterprise(), username: "ho.try", email: "ho@example.cn", creditCode: "91110000100017643K", institutionId: String(ho) });
    expect(err.fields.map((f) => f.path)).toEqual(["institutionId"]);
  });
});
