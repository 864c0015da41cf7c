import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLog } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { rngFor } from "@/db/seed/prng";
import { appendAudit } from "@/server/data/audit";
import { verifyAuditChainNow } from "@/server/services/admin/verify-audit-chain";
import { createTestDb } from "../setup/test-db";
import { actor, callerFor } from "../fixtures/actors";

let h: DbHandle;
const TRIALS_PER_KIND = 120;

async function run(...statements: string[]) {
  for (const s of statements) await h.db.execute(sql.raw(s));
}

async function rows<T>(q: string): Promise<T[]> {
  const r = await h.db.execute(sql.raw(q));
  return (Array.isArray(r) ? r : (r as unknown as { rows: T[] }).rows) as T[];
}

async function auditIds(): Promise<number[]> {
  return (await h.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id)).map((r) => r.id);
}

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  // A realistic log: admin changes through the services, sign-ins, refusals, and varied synthetic events.
  const admin = await callerFor(h.db, "admin");
  await admin.admin.parameters.set({ key: "rating.validityMonths", value: 24, institutionId: null });
  await admin.admin.codeLists.create({ listType: "return_reason", code: "RR05", nameZh: "测试", nameEn: "Test" });
  const rng = rngFor("audit-chain-test");
  for (let i = 0; i < 240; i++) {
    await h.db.transaction((tx) =>
      appendAudit(tx, {
        userId: rng.chance(0.8) ? "00000000-0000-4000-8000-00000000000" + rng.int(0, 9) : null,
        username: rng.pick(["admin", "bj.rater", "sh.approver", null]),
        role: rng.pick(["admin", "rater", "approver", null]),
        institutionId: rng.chance(0.7) ? rng.int(1, 13) : null,
        action: rng.pick(["auth.login", "auth.login_failed", "admin.user.update", "workflow.approve", "security.permission_denied"]),
        entityType: rng.pick(["user", "customer", "application", null]),
        entityId: rng.chance(0.5) ? String(rng.int(1, 1e6)) : null,
        before: rng.chance(0.5) ? { grade: rng.pick(["A", "BBB"]), amount: rng.int(0, 1e9) / 100, tags: ["x", rng.int(0, 9)] } : null,
        after: rng.chance(0.7) ? { grade: rng.pick(["AA", "BB"]), note: "备注 " + rng.int(0, 99), nested: { ok: rng.chance(0.5) } } : null,
        ip: rng.chance(0.5) ? `10.0.${rng.int(0, 255)}.${rng.int(0, 255)}` : null,
      }),
    );
  }
});
afterAll(async () => h?.close());

describe("the database keeps the audit log append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE, even for the owning role", async () => {
    await expect(run(`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow();
    await expect(run(`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`)).rejects.toThrow();
    await expect(run(`TRUNCATE audit_log`)).rejects.toThrow();
    await expect(run(`TRUNCATE modification_history`)).rejects.toThrow();
    const [{ n }] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
    expect(n).toBeGreaterThan(240);
  });

  it("grants PUBLIC nothing that changes it, and a non-owner role can neither change it nor switch its trigger off", async () => {
    const privileges = await rows<{ privilege_type: string }>(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE table_name = 'audit_log' AND grantee = 'PUBLIC'`,
    );
    expect(privileges.map((p) => p.privilege_type)).not.toEqual(expect.arrayContaining(["UPDATE"]));
    const role = `crp_app_test_${process.pid}`;
    await run(`CREATE ROLE ${role} NOLOGIN`, `GRANT SELECT, INSERT ON audit_log TO ${role}`);
    try {
      const [p] = await rows<{ u: boolean; d: boolean; t: boolean; i: boolean }>(
        `SELECT has_table_privilege('${role}', 'audit_log', 'UPDATE') AS u, has_table_privilege('${role}', 'audit_log', 'DELETE') AS d,
                has_table_privilege('${role}', 'audit_log', 'TRUNCATE') AS t, has_table_privilege('${role}', 'audit_log', 'INSERT') AS i`,
      );
      expect(p).toEqual({ u: false, d: false, t: false, i: true });
      const asApp = (statement: string) =>
        h.db.transaction(async (tx) => {
          await tx.execute(sql.raw(`SET LOCAL ROLE ${role}`));
          await tx.execute(sql.raw(statement));
        });
      await expect(asApp(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`)).rejects.toThrow();
      await expect(asApp(`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow();
      await expect(asApp(`DELETE FROM audit_log`)).rejects.toThrow();
    } finally {
      await run(`REVOKE ALL ON audit_log FROM ${role}`, `DROP ROLE ${role}`);
    }
  });
});

describe("verification", () => {
  it("reports an intact chain with the rows checked and the latest hash, page by page", async () => {
    const [latest] = await h.db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const all = await verifyAuditChainNow(null, { pageSize: 1_000 });
    const paged = await verifyAuditChainNow(null, { pageSize: 7 });
    expect(all.verdict).toEqual({ intact: true, rows: (await auditIds()).length, lastId: latest.id, lastHash: latest.hash });
    expect(paged.verdict).toEqual(all.verdict);
  });

  it(`detects every altered, deleted and reordered row (${TRIALS_PER_KIND} random tamperings of each kind)`, async () => {
    const [latest] = await h.db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const anchor = { id: latest.id, hash: latest.hash! };
    await run(`DROP TABLE IF EXISTS audit_backup`, `CREATE TABLE audit_backup AS SELECT * FROM audit_log`);
    const ids = await auditIds();
    const rng = rngFor("audit-tampering");
    const alterations = [
      "action = action || 'x'",
      "username = coalesce(username, '') || 'x'",
      "role = coalesce(role, '') || 'x'",
      "at = at + interval '1 second'",
      "user_id = '11111111-1111-4111-8111-111111111111'",
      "institution_id = coalesce(institution_id, 0) + 1",
      "entity_type = coalesce(entity_type, '') || 'x'",
      "entity_id = coalesce(entity_id, '') || '1'",
      `before = coalesce(before, '{}'::jsonb) || '{"tampered": true}'::jsonb`,
      `after = coalesce(after, '{}'::jsonb) || '{"grade": "AAA", "by": "mallory"}'::jsonb`,
      "ip = coalesce(ip, '') || '9'",
      "correlation_id = coalesce(correlation_id, '') || 'x'",
      "hash = encode(sha256(convert_to(hash, 'UTF8')), 'hex')",
      "prev_hash = encode(sha256(convert_to(prev_hash, 'UTF8')), 'hex')",
    ];
    const tally = { alter: { trials: 0, detected: 0, exact: 0 }, delete: { trials: 0, detected: 0, exact: 0 }, reorder: { trials: 0, detected: 0, exact: 0 } };
    let detectedWithoutAnchor = 0;
    const misses: string[] = [];
    await run(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    try {
      for (const kind of ["alter", "delete", "reorder"] as const) {
        for (let t = 0; t < TRIALS_PER_KIND; t++) {
          let expectedId: number;
          let what: string;
          if (kind === "alter") {
            const id = rng.pick(ids);
            const change = rng.pick(alterations);
            await run(`UPDATE audit_log SET ${change} WHERE id = ${id}`);
            expectedId = id;
            what = `alter ${id}: ${change}`;
          } else if (kind === "delete") {
            const i = rng.int(0, ids.length - 1);
            await run(`DELETE FROM audit_log WHERE id = ${ids[i]}`);
            // the next row no longer links; the last row's deletion shows only against the exported anchor
            expectedId = i + 1 < ids.length ? ids[i + 1] : anchor.id;
            what = `delete ${ids[i]}`;
          } else {
            const i = rng.int(0, ids.length - 2);
            const j = rng.int(i + 1, ids.length - 1);
            const [a, b] = [ids[i], ids[j]];
            await run(`UPDATE audit_log SET id = -1 WHERE id = ${a}`, `UPDATE audit_log SET id = ${a} WHERE id = ${b}`, `UPDATE audit_log SET id = ${b} WHERE id = -1`);
            expectedId = a;
            what = `swap ${a} <-> ${b}`;
          }
          const withAnchor = (await verifyAuditChainNow(null, { anchor, pageSize: 64 })).verdict;
          const plain = (await verifyAuditChainNow(null, { pageSize: 64 })).verdict;
          tally[kind].trials++;
          if (!withAnchor.intact) tally[kind].detected++;
          else misses.push(what);
          if (!withAnchor.intact && withAnchor.brokenAtId === expectedId) tally[kind].exact++;
          else if (!withAnchor.intact) misses.push(`${what}: reported ${withAnchor.brokenAtId}, expected ${expectedId}`);
          if (!plain.intact) detectedWithoutAnchor++;
          await run(`DELETE FROM audit_log`, `INSERT INTO audit_log SELECT * FROM audit_backup`);
        }
      }
    } finally {
      await run(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`, `DROP TABLE IF EXISTS audit_backup`);
    }
    const trials = tally.alter.trials + tally.delete.trials + tally.reorder.trials;
    const detected = tally.alter.detected + tally.delete.detected + tally.reorder.detected;
    console.log(
      `[audit tampering] ${detected}/${trials} random tamperings detected (${((100 * detected) / trials).toFixed(1)}%) over a chain of ${ids.length} rows: ` +
        `altered ${tally.alter.detected}/${tally.alter.trials}, deleted ${tally.delete.detected}/${tally.delete.trials}, reordered ${tally.reorder.detected}/${tally.reorder.trials}; ` +
        `first broken link reported at the tampered row in ${tally.alter.exact + tally.delete.exact + tally.reorder.exact}/${trials}; ` +
        `without the exported anchor ${detectedWithoutAnchor}/${trials} (only a deletion of the newest row needs the anchor).`,
    );
    expect(misses).toEqual([]);
    expect(detected).toBe(trials);
    // the trigger is back: the log is append-only again, and the restored chain verifies
    await expect(run(`DELETE FROM audit_log WHERE id = ${anchor.id}`)).rejects.toThrow();
    expect((await verifyAuditChainNow(null, { anchor })).verdict.intact).toBe(true);
  });

  it("audits the verification itself, with its outcome", async () => {
    const ctx = { actor: await actor(h.db, "admin"), ip: "10.1.1.1" };
    const r = await verifyAuditChainNow(ctx);
    expect(r.verdict.intact).toBe(true);
    const [row] = await h.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(row).toMatchObject({ action: "admin.audit.verify", username: "admin", after: { intact: true, rows: r.verdict.rows } });
  });
});
