import "server-only";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { auditPageAfter, countAudit, latestAuditRow } from "@/server/data/audit-log";
import { formatBankTime, type AuditFilter } from "@/server/domain/audit/audit-query";
import { formatValue } from "@/server/domain/audit/diff";
import { neutraliseCell } from "@/server/domain/audit/spreadsheet-safe";
import { translate, type Locale } from "@/components/i18n/translate";
import { auditBy, type AdminContext } from "./admin-context";
import { toAuditQuery } from "./list-audit";

/** Excel holds 1,048,576 rows per sheet; the export says so in its last row rather than failing. */
export const MAX_EXPORT_ROWS = 1_000_000;
const PAGE = 2_000;

const COLUMNS = [
  { key: "id", header: "admin.audit.col.id", width: 10 },
  { key: "at", header: "admin.audit.col.at", width: 22 },
  { key: "username", header: "admin.audit.col.user", width: 18 },
  { key: "role", header: "admin.audit.col.role", width: 14 },
  { key: "institutionId", header: "admin.audit.col.institution", width: 10 },
  { key: "action", header: "admin.audit.col.action", width: 30 },
  { key: "entityType", header: "admin.audit.col.entityType", width: 14 },
  { key: "entityId", header: "admin.audit.col.entityId", width: 38 },
  { key: "before", header: "admin.audit.col.before", width: 50 },
  { key: "after", header: "admin.audit.col.after", width: 50 },
  { key: "ip", header: "admin.audit.col.ip", width: 16 },
  { key: "hash", header: "admin.audit.col.hash", width: 66 },
] as const;

function text(v: string | null | undefined): string {
  return v === null || v === undefined ? "" : neutraliseCell(v);
}

/**
 * Streams the filtered audit log as an .xlsx: rows are read in keyset pages and committed to the workbook
 * writer one by one, so memory stays flat whatever the size. The export is itself audited (before the first
 * byte leaves, in its own transaction), with the filter and the number of rows.
 */
export async function exportAudit(ctx: AdminContext, filter: AuditFilter, locale: Locale, opts: { pageSize?: number } = {}): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string; rows: number }> {
  const db = getDb();
  const now = ctx.now ?? new Date();
  const query = toAuditQuery(filter);
  // Rows appended while the file is written (this export's own audit row included) are not part of it.
  const upTo = (await latestAuditRow(db))?.id ?? 0;
  const rows = Math.min(await countAudit(db, query, upTo), MAX_EXPORT_ROWS);
  await db.transaction((tx) => appendAudit(tx, auditBy(ctx, { action: "admin.audit.export", entityType: "audit_log", entityId: null, after: { filter, rows, upToId: upTo } }), now));

  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(translate(locale, "admin.audit.sheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, header: translate(locale, c.header), width: c.width }));
  sheet.getRow(1).font = { bold: true };

  const write = async () => {
    let after = 0;
    let written = 0;
    while (written < MAX_EXPORT_ROWS) {
      const page = await auditPageAfter(db, query, after, Math.min(opts.pageSize ?? PAGE, MAX_EXPORT_ROWS - written), upTo);
      if (page.length === 0) break;
      for (const r of page) {
        sheet
          .addRow({
            id: r.id,
            at: formatBankTime(r.at),
            username: text(r.username),
            role: text(r.role),
            institutionId: r.institutionId,
            action: text(r.action),
            entityType: text(r.entityType),
            entityId: text(r.entityId),
            before: r.before === null ? "" : text(formatValue(r.before)),
            after: r.after === null ? "" : text(formatValue(r.after)),
            ip: text(r.ip),
            hash: text(r.hash),
          })
          .commit();
      }
      written += page.length;
      after = page[page.length - 1].id;
    }
    if (written >= MAX_EXPORT_ROWS) sheet.addRow({ id: null, action: translate(locale, "admin.audit.exportTruncated", { n: MAX_EXPORT_ROWS }) }).commit();
    await sheet.commit();
    await workbook.commit();
  };
  write().catch((e) => {
    console.error("audit export failed", e);
    pass.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  const stamp = now.toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return { stream: Readable.toWeb(pass) as ReadableStream<Uint8Array>, fileName: `audit-log-${stamp}.xlsx`, rows };
}
