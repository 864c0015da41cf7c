import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { seedDemo, DEMO_PASSWORD } from "@/db/seed";
import { authenticate, LoginError } from "@/server/services/auth/authenticate";
import { loadCurrentUser } from "@/server/auth/session";
import { createTestDb } from "../setup/test-db";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
});
afterAll(async () => h?.close());

async function failure(login: string, password: string) {
  try {
    await authenticate(login, password);
  } catch (e) {
    if (e instanceof LoginError) return e.reason;
    throw e;
  }
  return "SIGNED_IN";
}

async function auditActions(username: string) {
  const rows = await h.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.username, username)).orderBy(auditLog.id);
  return rows.map((r) => r.action);
}

describe("login", () => {
  it("signs in with username or email, case-insensitively, and audits it", async () => {
    const user = await authenticate("BJ.Rater", DEMO_PASSWORD);
    expect(user.role).toBe("rater");
    const byEmail = await authenticate("bj.rater@demo-bank.cn", DEMO_PASSWORD);
    expect(byEmail.id).toBe(user.id);
    expect(await auditActions("bj.rater")).toContain("auth.login");
  });

  it("answers an unknown user and a wrong password identically, after similar work", async () => {
    const t0 = performance.now();
    expect(await failure("nobody.here", "Whatever#2026")).toBe("INVALID_CREDENTIALS");
    const unknownMs = performance.now() - t0;
    const t1 = performance.now();
    expect(await failure("sh.rater", "Wrong#Password1")).toBe("INVALID_CREDENTIALS");
    const wrongMs = performance.now() - t1;
    // Both verify one argon2id hash (~30 ms); without the dummy hash the unknown user would answer in ~1 ms.
    expect(unknownMs).toBeGreaterThan(10);
    expect(wrongMs).toBeGreaterThan(10);
  });

  it("locks the account after 5 failures, says so, and refuses even the right password", async () => {
    for (let i = 0; i < 4; i++) expect(await failure("gd.reviewer", "Wrong#Password1")).toBe("INVALID_CREDENTIALS");
    expect(await failure("gd.reviewer", "Wrong#Password1")).toBe("ACCOUNT_LOCKED");
    expect(await failure("gd.reviewer", DEMO_PASSWORD)).toBe("ACCOUNT_LOCKED");
    const [row] = await h.db.select({ lockedAt: users.lockedAt, n: users.failedLoginCount }).from(users).where(eq(users.username, "gd.reviewer"));
    expect(row.lockedAt).not.toBeNull();
    expect(row.n).toBe(5);
    expect(await auditActions("gd.reviewer")).toContain("auth.account_locked");
  });

  it("resets the failure count on success", async () => {
    expect(await failure("sc.reviewer", "Wrong#Password1")).toBe("INVALID_CREDENTIALS");
    await authenticate("sc.reviewer", DEMO_PASSWORD);
    const [row] = await h.db.select({ n: users.failedLoginCount }).from(users).where(eq(users.username, "sc.reviewer"));
    expect(row.n).toBe(0);
  });

  it("refuses a deactivated account", async () => {
    await h.db.update(users).set({ status: "inactive" }).where(eq(users.username, "sc.analyst"));
    expect(await failure("sc.analyst", DEMO_PASSWORD)).toBe("ACCOUNT_DISABLED");
    expect(await failure("sc.analyst", "Wrong#Password1")).toBe("INVALID_CREDENTIALS");
  });
});

describe("sessions are re-checked against the database", () => {
  it("ends a session when the user is deactivated, re-roled (version bump) or locked", async () => {
    const [u] = await h.db.select({ id: users.id, sv: users.sessionVersion }).from(users).where(eq(users.username, "sh.analyst"));
    expect(await loadCurrentUser(u.id, u.sv)).not.toBeNull();
    expect(await loadCurrentUser(u.id, u.sv - 1)).toBeNull();
    await h.db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1`, role: "reviewer" }).where(eq(users.id, u.id));
    expect(await loadCurrentUser(u.id, u.sv)).toBeNull();
    expect((await loadCurrentUser(u.id, u.sv + 1))?.role).toBe("reviewer");
    await h.db.update(users).set({ lockedAt: new Date() }).where(eq(users.id, u.id));
    expect(await loadCurrentUser(u.id, u.sv + 1)).toBeNull();
    await h.db.update(users).set({ lockedAt: null, status: "inactive" }).where(eq(users.id, u.id));
    expect(await loadCurrentUser(u.id, u.sv + 1)).toBeNull();
  });

  it("knows nothing of an unknown user id", async () => {
    expect(await loadCurrentUser("00000000-0000-4000-8000-000000000000", 1)).toBeNull();
    expect(await loadCurrentUser(undefined, undefined)).toBeNull();
  });
});
