import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { auditLog, institutions, users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { loadCurrentUser } from "@/server/auth/session";
import { authenticate } from "@/server/services/auth/authenticate";
import { createTestDb } from "../setup/test-db";
import { actor, callerFor, userId } from "../fixtures/actors";

let h: DbHandle;
const instId: Record<string, number> = {};

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  for (const r of await h.db.select({ id: institutions.id, code: institutions.code }).from(institutions)) instId[r.code] = r.id;
});
afterAll(async () => h?.close());

async function failure(p: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
  try {
    await p;
  } catch (e) {
    const err = e as TRPCError & { cause?: { fields?: { path: string; message: string }[]; issues?: { path: (string | number)[]; message: string }[] } };
    const fields = err.cause?.fields?.map((f) => `${f.path}:${f.message}`) ?? err.cause?.issues?.map((i) => `${i.path.join(".")}:${i.message}`) ?? [];
    return { code: err.code, fields };
  }
  return { code: "OK", fields: [] };
}

async function run(...statements: string[]) {
  for (const s of statements) await h.db.execute(sql.raw(s));
}

async function lastAudit(action: string) {
  const [row] = await h.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

async function sessionVersion(username: string) {
  const [u] = await h.db.select({ id: users.id, sv: users.sessionVersion }).from(users).where(eq(users.username, username));
  return u;
}

const NEW_USER = { username: "gd01.new", displayName: "新客户经理", email: "gd01.new@demo-bank.test", role: "rater" as const, password: "Kredit#Start2026", locale: "zh" as const };

describe("creating users", () => {
  it("creates a staff user who can then sign in, and audits it without the password", async () => {
    const admin = await callerFor(h.db, "admin");
    const { id } = await admin.admin.users.create({ ...NEW_USER, institutionId: instId.GD01 });
    const signedIn = await authenticate("gd01.new", NEW_USER.password);
    expect(signedIn).toMatchObject({ id, role: "rater" });
    const me = await actor(h.db, "gd01.new");
    expect(me.institutionCode).toBe("GD01");
    const row = await lastAudit("admin.user.create");
    expect(row).toMatchObject({ username: "admin", entityType: "user", entityId: id });
    expect(row.after).toMatchObject({ username: "gd01.new", role: "rater", institutionCode: "GD01" });
    expect(JSON.stringify(row)).not.toContain(NEW_USER.password);
    expect(JSON.stringify(row)).not.toContain("argon2");
  });

  it("reports taken usernames (any case) and emails at their fields, writing nothing", async () => {
    const admin = await callerFor(h.db, "admin");
    const before = await h.db.select({ n: sql<number>`count(*)::int` }).from(users);
    const r = await failure(admin.admin.users.create({ ...NEW_USER, username: "BJ.Rater", email: "GD01.NEW@demo-bank.test", institutionId: instId.BJ }));
    expect(r.code).toBe("BAD_REQUEST");
    expect(r.fields.sort()).toEqual(["email:validation.emailTaken", "username:validation.usernameTaken"]);
    const after = await h.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(after[0].n).toBe(before[0].n);
  });

  it("applies the password policy and refuses applicant roles and unknown institutions", async () => {
    const admin = await callerFor(h.db, "admin");
    const weak = await failure(admin.admin.users.create({ ...NEW_USER, username: "weak.pw", email: "weak@x.test", password: "weak.pwweakpw", institutionId: instId.BJ }));
    expect(weak.fields).toEqual(expect.arrayContaining(["password:password.tooSimple", "password:password.containsUsername"]));
    const applicant = await failure(admin.admin.users.create({ ...NEW_USER, username: "app.x", email: "app@x.test", role: "applicant_individual" as never, institutionId: instId.BJ }));
    expect(applicant.code).toBe("BAD_REQUEST");
    const nowhere = await failure(admin.admin.users.create({ ...NEW_USER, username: "no.where", email: "nowhere@x.test", institutionId: 99_999 }));
    expect(nowhere.fields).toEqual(["institutionId:admin.validation.institution"]);
  });

  it("keeps non-admins out of every user procedure, and audits the refusal", async () => {
    const rater = await callerFor(h.db, "bj.approver");
    expect((await failure(rater.admin.users.list({}))).code).toBe("FORBIDDEN");
    expect((await failure(rater.admin.users.setStatus({ id: await userId(h.db, "bj.rater"), status: "inactive" }))).code).toBe("FORBIDDEN");
    expect(await lastAudit("security.permission_denied")).toMatchObject({ username: "bj.approver", entityId: "trpc:admin.users.setStatus" });
  });
});

describe("listing users", () => {
  it("searches, filters, sorts and pages on the server", async () => {
    const admin = await callerFor(h.db, "admin");
    const p1 = await admin.admin.users.list({ sort: "username", dir: "desc", page: 1, pageSize: 5 });
    const p2 = await admin.admin.users.list({ sort: "username", dir: "desc", page: 2, pageSize: 5 });
    expect(p1.rows).toHaveLength(5);
    expect(p1.total).toBeGreaterThanOrEqual(44);
    const names = [...p1.rows, ...p2.rows].map((r) => r.username.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
    const approvers = await admin.admin.users.list({ role: "approver", pageSize: 50 });
    expect(approvers.total).toBe(5);
    expect(approvers.rows.every((r) => r.role === "approver")).toBe(true);
    const sh = await admin.admin.users.list({ institutionId: instId.SH, pageSize: 50 });
    expect(sh.rows.every((r) => r.institutionCode === "SH")).toBe(true);
    const q = await admin.admin.users.list({ q: "gd01" });
    expect(q.rows.map((r) => r.username)).toEqual(expect.arrayContaining(["gd01.rater", "gd01.new"]));
    expect(JSON.stringify(p1)).not.toMatch(/passwordHash|argon2/);
  });
});

describe("admin rules", () => {
  it("refuses an admin's own admin role and own deactivation", async () => {
    const admin = await callerFor(h.db, "admin");
    const id = await userId(h.db, "admin");
    const demote = await failure(admin.admin.users.setAssignment({ id, role: "analyst", institutionId: instId.HO }));
    expect(demote.fields).toEqual(expect.arrayContaining(["role:admin.users.error.ownAdminRole"]));
    const off = await failure(admin.admin.users.setStatus({ id, status: "inactive" }));
    expect(off.fields).toEqual(expect.arrayContaining(["status:admin.users.error.ownStatus"]));
    expect((await sessionVersion("admin")).sv).toBe(1);
  });

  it("never leaves the bank without an active admin, even when two admins demote each other at once", async () => {
    const admin = await callerFor(h.db, "admin");
    const { id: secondId } = await admin.admin.users.create({ ...NEW_USER, username: "admin2", email: "admin2@demo-bank.test", role: "admin", institutionId: instId.HO });
    const second = await callerFor(h.db, "admin2");
    const firstId = await userId(h.db, "admin");
    const results = await Promise.allSettled([
      admin.admin.users.setAssignment({ id: secondId, role: "analyst", institutionId: instId.HO }),
      second.admin.users.setAssignment({ id: firstId, role: "analyst", institutionId: instId.HO }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const admins = await h.db.select({ username: users.username }).from(users).where(and(eq(users.role, "admin"), eq(users.status, "active")));
    expect(admins).toHaveLength(1);
    // restore: the survivor makes the other one admin again
    const survivor = admins[0].username;
    const other = survivor === "admin" ? secondId : firstId;
    await (await callerFor(h.db, survivor)).admin.users.setAssignment({ id: other, role: "admin", institutionId: instId.HO });
  });

  it("lets one admin demote another while a second active admin remains, and the last one stays", async () => {
    const admin = await callerFor(h.db, "admin");
    const secondId = await userId(h.db, "admin2");
    await admin.admin.users.setStatus({ id: secondId, status: "inactive" });
    const [row] = await h.db.select({ status: users.status }).from(users).where(eq(users.id, secondId));
    expect(row.status).toBe("inactive");
    // now "admin" is the last active admin: the rule (not only "own account") refuses losing it
    const self = await failure(admin.admin.users.setAssignment({ id: await userId(h.db, "admin"), role: "analyst", institutionId: instId.HO }));
    expect(self.fields).toEqual(expect.arrayContaining(["role:admin.users.error.lastAdmin"]));
  });
});

describe("sessions end when access changes", () => {
  it("re-roling, moving, deactivating or resetting the password invalidates the open session; a profile edit does not", async () => {
    const admin = await callerFor(h.db, "admin");
    const id = await userId(h.db, "sh02.rater");
    let { sv } = await sessionVersion("sh02.rater");
    expect(await loadCurrentUser(id, sv)).not.toBeNull();

    await admin.admin.users.updateProfile({ id, displayName: "改名", email: "sh02.rater@demo-bank.test", phone: null, locale: "en" });
    expect(await loadCurrentUser(id, sv)).not.toBeNull();

    await admin.admin.users.setAssignment({ id, role: "reviewer", institutionId: instId.SH02 });
    expect(await loadCurrentUser(id, sv)).toBeNull();
    ({ sv } = await sessionVersion("sh02.rater"));
    expect((await loadCurrentUser(id, sv))?.role).toBe("reviewer");

    await admin.admin.users.setAssignment({ id, role: "reviewer", institutionId: instId.SH01 });
    expect(await loadCurrentUser(id, sv)).toBeNull();
    ({ sv } = await sessionVersion("sh02.rater"));

    await admin.admin.users.resetPassword({ id, password: "Neues#Passwort99" });
    expect(await loadCurrentUser(id, sv)).toBeNull();
    ({ sv } = await sessionVersion("sh02.rater"));
    await expect(authenticate("sh02.rater", "Rating@2026")).rejects.toThrow("INVALID_CREDENTIALS");
    expect((await authenticate("sh02.rater", "Neues#Passwort99")).id).toBe(id);

    await admin.admin.users.setStatus({ id, status: "inactive" });
    expect(await loadCurrentUser(id, sv)).toBeNull();
    await expect(authenticate("sh02.rater", "Neues#Passwort99")).rejects.toThrow("ACCOUNT_DISABLED");
    await admin.admin.users.setStatus({ id, status: "active" });
    ({ sv } = await sessionVersion("sh02.rater"));
    expect(await loadCurrentUser(id, sv)).not.toBeNull();

    const audit = await h.db.select({ action: auditLog.action, before: auditLog.before, after: auditLog.after }).from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["admin.user.update", "admin.user.assign", "admin.user.assign", "admin.user.reset_password", "admin.user.deactivate", "admin.user.reactivate"]);
    expect(audit[1]).toMatchObject({ before: { role: "rater" }, after: { role: "reviewer" } });
    expect(JSON.stringify(audit)).not.toContain("Neues#Passwort99");
  });

  it("checks a reset password against the user's own name", async () => {
    const admin = await callerFor(h.db, "admin");
    const r = await failure(admin.admin.users.resetPassword({ id: await userId(h.db, "bj.analyst"), password: "Bj.Analyst#2026" }));
    expect(r.fields).toEqual(["password:password.containsUsername"]);
  });
});

describe("unlocking", () => {
  it("clears lockedAt and the failure count, after which the user signs in", async () => {
    for (let i = 0; i < 5; i++) await authenticate("sc.analyst", `Wrong#Password${i}`).catch(() => undefined);
    await expect(authenticate("sc.analyst", "Rating@2026")).rejects.toThrow("ACCOUNT_LOCKED");
    const admin = await callerFor(h.db, "admin");
    const id = await userId(h.db, "sc.analyst");
    const listed = await admin.admin.users.list({ status: "locked" });
    expect(listed.rows.map((r) => r.username)).toContain("sc.analyst");
    await admin.admin.users.unlock({ id });
    const [u] = await h.db.select({ lockedAt: users.lockedAt, failed: users.failedLoginCount }).from(users).where(eq(users.id, id));
    expect(u).toEqual({ lockedAt: null, failed: 0 });
    expect((await authenticate("sc.analyst", "Rating@2026")).id).toBe(id);
    expect(await lastAudit("admin.user.unlock")).toMatchObject({ entityId: id, after: { lockedAt: null, failedLoginCount: 0 } });
  });
});

describe("audit rows share the change's transaction", () => {
  it("a change that fails at commit leaves neither the change nor its audit row", async () => {
    const admin = await callerFor(h.db, "admin");
    const id = await userId(h.db, "gd.analyst");
    const auditBefore = await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    // A deferred constraint trigger fails the transaction at COMMIT, i.e. after the audit row was inserted.
    await run(
      `CREATE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END; $$`,
      `CREATE CONSTRAINT TRIGGER test_users_fail_at_commit AFTER UPDATE ON users DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_at_commit()`,
    );
    try {
      const r = await failure(admin.admin.users.setAssignment({ id, role: "reviewer", institutionId: instId.GD }));
      expect(r.code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await run(`DROP TRIGGER test_users_fail_at_commit ON users`, `DROP FUNCTION test_fail_at_commit()`);
    }
    const [u] = await h.db.select({ role: users.role }).from(users).where(eq(users.id, id));
    expect(u.role).toBe("analyst");
    const auditAfter = await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(auditAfter[0].n).toBe(auditBefore[0].n);
  });

  it("a failing audit write undoes the change", async () => {
    const admin = await callerFor(h.db, "admin");
    const id = await userId(h.db, "gd.analyst");
    await run(
      `CREATE FUNCTION test_refuse_assign_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.action = 'admin.user.assign' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END; $$`,
      `CREATE TRIGGER test_refuse_assign_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_assign_audit()`,
    );
    try {
      expect((await failure(admin.admin.users.setAssignment({ id, role: "reviewer", institutionId: instId.GD }))).code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await run(`DROP TRIGGER test_refuse_assign_audit ON audit_log`, `DROP FUNCTION test_refuse_assign_audit()`);
    }
    const [u] = await h.db.select({ role: users.role, sv: users.sessionVersion }).from(users).where(eq(users.id, id));
    expect(u).toEqual({ role: "analyst", sv: 1 });
  });
});
