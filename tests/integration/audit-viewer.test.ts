import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { desc, eq } from "drizzle-orm";
import type { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { auditLog } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { appendAudit } from "@/server/data/audit";
import { auditFilterInput } from "@/server/domain/audit/audit-query";
import { exportAudit } from "@/server/services/admin/export-audit";
import { exportAuditAnchor } from "@/server/services/admin/export-audit-anchor";
import { verifyAuditChainNow } from "@/server/services/admin/verify-audit-chain";
import { createTestDb } from "../setup/test-db";
import { actor, callerFor } from "../fixtures/actors";

let h: DbHandle;

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  const at = (iso: string) => new Date(iso);
  // events on known days (bank time UTC+8), one of them carrying formula-like text
  await h.db.transaction((tx) => appendAudit(tx, { username: "bj.rater", role: "rater", action: "auth.login", entityType: "user", entityId: "u1" }, at("2026-03-01T01:00:00Z")));
  await h.db.transaction((tx) => appendAudit(tx, { username: "bj.rater", role: "rater", action: "auth.login_failed", after: { reason: "bad_password" } }, at("2026-03-01T17:00:00Z")));
  await h.db.transaction((tx) =>
    appendAudit(tx, { username: "=HYPERLINK(\"http://evil.test\",\"x\")", action: "auth.login_failed", entityType: "user", entityId: "+cmd|' /C calc'!A0", after: { note: "@SUM(1)" } }, at("2026-03-02T02:00:00Z")),
  );
  const admin = await callerFor(h.db, "admin");
  await admin.admin.parameters.set({ key: "upload.maxBytes", value: 5_242_880, institutionId: null });
});
afterAll(async () => h?.close());

async function code(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return (e as TRPCError).code;
  }
  return "OK";
}

describe("audit log viewer", () => {
  it("filters by user, action (exact or family), entity and bank-time date range, paged on the server", async () => {
    const admin = await callerFor(h.db, "admin");
    const byUser = await admin.admin.audit.list({ filter: { user: "bj.ra" } });
    expect(byUser.rows.length).toBeGreaterThanOrEqual(2);
    expect(byUser.rows.every((r) => r.username === "bj.rater")).toBe(true);
    // 2026-03-01 in bank time is [2026-02-28T16:00Z, 2026-03-01T16:00Z): the 17:00Z event is on the 2nd
    const day1 = await admin.admin.audit.list({ filter: { from: "2026-03-01", to: "2026-03-01" } });
    expect(day1.rows.map((r) => r.action)).toEqual(["auth.login"]);
    const both = await admin.admin.audit.list({ filter: { from: "2026-03-01", to: "2026-03-02" }, dir: "asc" });
    expect(both.rows.map((r) => r.action)).toEqual(["auth.login", "auth.login_failed", "auth.login_failed"]);
    const family = await admin.admin.audit.list({ filter: { action: "admin.*" }, pageSize: 200 });
    expect(family.rows.length).toBeGreaterThan(0);
    expect(family.rows.every((r) => r.action.startsWith("admin."))).toBe(true);
    const param = await admin.admin.audit.list({ filter: { entityType: "parameter", entityId: "upload.maxBytes" } });
    expect(param.rows).toHaveLength(1);
    expect(param.rows[0]).toMatchObject({ action: "admin.parameter.set", before: { value: 10_485_760 }, after: { value: 5_242_880 } });
    const p1 = await admin.admin.audit.list({ pageSize: 2, page: 1 });
    const p2 = await admin.admin.audit.list({ pageSize: 2, page: 2 });
    expect(p1.rows[0].id).toBeGreaterThan(p2.rows[1].id);
    expect(p1.total).toBe(p2.total);
    const facets = await admin.admin.audit.facets();
    expect(facets.actions).toEqual(expect.arrayContaining(["auth.login", "admin.parameter.set"]));
  });

  it("refuses bad filters at their fields and keeps non-admins out", async () => {
    const admin = await callerFor(h.db, "admin");
    expect(await code(admin.admin.audit.list({ filter: { from: "2026-03-05", to: "2026-03-01" } }))).toBe("BAD_REQUEST");
    const analyst = await callerFor(h.db, "ho.analyst");
    expect(await code(analyst.admin.audit.list({}))).toBe("FORBIDDEN");
  });
});

async function readWorkbook(stream: ReadableStream<Uint8Array>) {
  const chunks: Buffer[] = [];
  for await (const c of Readable.fromWeb(stream as never)) chunks.push(Buffer.from(c as Uint8Array));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as never);
  return wb.worksheets[0];
}

describe("Excel export", () => {
  it("streams exactly the filtered rows, neutralises formula-like cells, and audits the export", async () => {
    const ctx = { actor: await actor(h.db, "admin"), ip: "10.0.0.9" };
    const filter = auditFilterInput.parse({ from: "2026-03-01", to: "2026-03-02" });
    const { stream, rows, fileName } = await exportAudit(ctx, filter, "en");
    expect(fileName).toMatch(/^audit-log-\d{14}\.xlsx$/);
    expect(rows).toBe(3);
    const sheet = await readWorkbook(stream);
    expect(sheet.getRow(1).getCell(1).value).toBe("No.");
    expect(sheet.getRow(1).getCell(6).value).toBe("Action");
    expect(sheet.actualRowCount).toBe(4);
    const evil = sheet.getRow(4);
    expect(evil.getCell(3).value).toBe("'=HYPERLINK(\"http://evil.test\",\"x\")");
    expect(evil.getCell(8).value).toBe("'+cmd|' /C calc'!A0");
    expect(String(evil.getCell(10).value)).toBe('{"note":"@SUM(1)"}');
    expect(sheet.getRow(2).getCell(2).value).toBe("2026-03-01 09:00:00");
    for (let r = 2; r <= 4; r++) for (let c = 1; c <= 12; c++) expect(typeof sheet.getRow(r).getCell(c).formula).toBe("undefined");
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.action, "admin.audit.export")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ username: "admin", ip: "10.0.0.9", after: { rows: 3, filter: { from: "2026-03-01", to: "2026-03-02" } } });
  });

  it("streams the log page by page (450 rows in pages of 100)", async () => {
    await h.db.transaction(async (tx) => {
      for (let i = 0; i < 450; i++) await appendAudit(tx, { username: "bulk", action: "test.bulk", entityId: String(i) });
    });
    const ctx = { actor: await actor(h.db, "admin"), ip: null };
    const { stream, rows } = await exportAudit(ctx, auditFilterInput.parse({ action: "test.bulk" }), "zh", { pageSize: 100 });
    expect(rows).toBe(450);
    const sheet = await readWorkbook(stream);
    expect(sheet.actualRowCount).toBe(451);
    expect(sheet.getRow(1).getCell(1).value).toBe("序号");
    expect(sheet.getRow(451).getCell(8).value).toBe("449");
  });
});

describe("latest hash export", () => {
  it("gives the latest row's id and hash, audits the export, and later proves the chain up to it", async () => {
    const ctx = { actor: await actor(h.db, "admin"), ip: null };
    const [latest] = await h.db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const anchor = await exportAuditAnchor(ctx);
    expect(anchor).toMatchObject({ kind: "credit-rating-audit-anchor", id: latest.id, hash: latest.hash, exportedBy: "admin" });
    const [row] = await h.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(row).toMatchObject({ action: "admin.audit.anchor_export", after: { id: latest.id, hash: latest.hash } });
    const check = await verifyAuditChainNow(null, { anchor: { id: anchor.id, hash: anchor.hash! } });
    expect(check.verdict).toMatchObject({ intact: true });
    const wrong = await verifyAuditChainNow(null, { anchor: { id: anchor.id, hash: "f".repeat(64) } });
    expect(wrong.verdict).toMatchObject({ intact: false, reason: "anchor", brokenAtId: anchor.id });
  });
});
