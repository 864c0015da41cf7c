import "server-only";
import { PassThrough, Readable, Transform } from "node:stream";
import ExcelJS from "exceljs";
import { z } from "zod";
import type postgres from "postgres";
import { getDb, getDbHandle, type Queryable } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { drillWhere, ratingBatches } from "@/server/data/statistics";
import { neutraliseCell } from "@/server/domain/audit/spreadsheet-safe";
import { DIMENSIONS, statsFilterInput, type StatsFilter } from "@/server/domain/statistics/filters";
import { translate, type Locale } from "@/components/i18n/translate";
import type { CurrentUser } from "@/server/auth/session";
import * as stats from "./statistics";

export const MAX_EXPORT_ROWS = 1_000_000;
const PAGE = 5_000;
// small cursor batches: the zip writer keeps pace, and RSS stays flat
const CURSOR_BATCH = 1_000;

/** What can be exported: each statistic, and the rating list behind any bar (or the whole filter). */
export const exportRequest = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("counts"), dimension: z.enum(DIMENSIONS) }),
  z.object({ kind: z.literal("quarterly") }),
  z.object({ kind: z.literal("migration"), fromDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), toDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ kind: z.literal("pipeline") }),
  z.object({ kind: z.literal("overrides"), by: z.enum(["rater", "institution", "model", "notches"]) }),
  z.object({ kind: z.literal("ratings"), dimension: z.enum([...DIMENSIONS, "quarter", "override"]).optional(), value: z.string().max(64).optional() }),
]);
export type ExportRequest = z.output<typeof exportRequest>;

export function parseExportParams(params: Record<string, string>): { request: ExportRequest; filter: StatsFilter } | null {
  const request = exportRequest.safeParse(params);
  const filter = statsFilterInput.safeParse(params);
  return request.success && filter.success ? { request: request.data, filter: filter.data } : null;
}

type Cell = string | number | null;
function text(v: string | null | undefined): string {
  return v === null || v === undefined ? "" : neutraliseCell(v);
}
const label = (l: stats.Label | null, locale: Locale, fallback: string | null) => text(l ? l[locale] : fallback ?? "—");

interface Sheet { name: string; columns: { header: string; width: number; numFmt?: string }[]; rows: Cell[][]; totals?: Cell[] }

/** Builds the aggregate sheets (small): exactly the figures the page shows, from the same service calls. */
async function aggregateSheet(actor: CurrentUser, filter: StatsFilter, r: Exclude<ExportRequest, { kind: "ratings" }>, locale: Locale, db: Queryable): Promise<Sheet> {
  const t = (k: string, p?: Record<string, string | number>) => translate(locale, k, p);
  if (r.kind === "counts") {
    const d = await stats.countsFor(actor, filter, r.dimension, db);
    return {
      name: t(`stats.dim.${r.dimension}`),
      columns: [{ header: t("stats.col.key"), width: 16 }, { header: t("stats.col.name"), width: 30 }, { header: t("stats.col.customers"), width: 14, numFmt: "#,##0" }, { header: t("stats.col.ratings"), width: 14, numFmt: "#,##0" }],
      rows: d.rows.map((x) => [text(x.key ?? "—"), label(x.label, locale, x.key), x.customers, x.ratings]),
      totals: [t("stats.total"), "", d.totalCustomers, d.totalRatings],
    };
  }
  if (r.kind === "quarterly") {
    const d = await stats.quarterly(actor, filter, db);
    return {
      name: t("stats.section.quarterly"),
      columns: [{ header: t("stats.col.quarter"), width: 12 }, ...d.grades.map((g) => ({ header: g, width: 10, numFmt: "#,##0" })), { header: t("stats.total"), width: 12, numFmt: "#,##0" }],
      rows: d.rows.map((q) => [q.quarter, ...d.grades.map((g) => q.byGrade[g]), q.total]),
      totals: [t("stats.total"), ...d.grades.map((g) => d.rows.reduce((s, q) => s + q.byGrade[g], 0)), d.rows.reduce((s, q) => s + q.total, 0)],
    };
  }
  if (r.kind === "migration") {
    const d = await stats.migration(actor, filter, r.fromDate, r.toDate, db);
    return {
      name: t("stats.section.migration"),
      columns: [{ header: `${r.fromDate} \\ ${r.toDate}`, width: 16 }, ...d.grades.flatMap((g) => [{ header: g, width: 9, numFmt: "#,##0" }, { header: `${g} %`, width: 8, numFmt: "0.0" }]), { header: t("stats.total"), width: 12, numFmt: "#,##0" }],
      rows: d.grades.map((g, i) => [g, ...d.grades.flatMap((_, j) => [d.counts[i][j], d.percents[i][j]]), d.rowTotals[i]]),
      totals: [t("stats.total"), ...d.grades.flatMap((_, j) => [d.counts.reduce((s, row) => s + row[j], 0), null]), d.total],
    };
  }
  if (r.kind === "pipeline") {
    const d = await stats.pipeline(actor, filter, db);
    return {
      name: t("stats.section.pipeline"),
      columns: [{ header: t("stats.col.stage"), width: 20 }, { header: t("stats.col.waiting"), width: 12, numFmt: "#,##0" }, { header: t("stats.col.acted"), width: 12, numFmt: "#,##0" }, { header: t("stats.col.medianHours"), width: 14, numFmt: "0.0" }],
      rows: d.rows.map((x) => [text(x.stage), x.waiting, x.acted, x.medianHours]),
      totals: [t("stats.total"), d.rows.reduce((s, x) => s + x.waiting, 0), d.rows.reduce((s, x) => s + x.acted, 0), null],
    };
  }
  const d = await stats.overrides(actor, filter, r.by, db);
  return {
    name: t("stats.section.overrides"),
    columns: [{ header: t(`stats.override.${r.by}`), width: 24 }, { header: t("stats.col.total"), width: 12, numFmt: "#,##0" }, { header: t("stats.col.overridden"), width: 12, numFmt: "#,##0" }, { header: t("stats.col.share"), width: 10, numFmt: "0.0" }],
    rows: d.rows.map((x) => [r.by === "notches" ? x.key : label(x.label, locale, x.key), x.total, x.overridden, x.share]),
    totals: [t("stats.total"), d.total, d.overridden, d.share],
  };
}

/**
 * Streams an .xlsx: a frozen bold header row, number formats per column, a bold totals row (the same totals
 * the page shows). Rating lists are read in keyset pages and each row committed, so memory stays flat. Every
 * user-supplied text cell goes through `neutraliseCell`. The export is audited before the first byte leaves.
 */
export async function exportStatistics(actor: CurrentUser, request: ExportRequest, filter: StatsFilter, locale: Locale, opts: { now?: Date; db?: Queryable; sql?: postgres.Sql } = {}): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string; done: Promise<number> }> {
  const db = opts.db ?? getDb();
  // the raw PostgreSQL client streams rating lists through a cursor (absent on PGlite, or when a caller passes only a db)
  const client = opts.sql ?? (opts.db ? undefined : getDbHandle().sql);
  const now = opts.now ?? new Date();
  const scoped = await stats.resolveScope(db, actor, filter);
  await db.transaction((tx) => appendAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, institutionId: actor.institutionId, action: "stats.export", entityType: "statistics", entityId: request.kind, after: { request, filter } }, now));
  const t = (k: string, p?: Record<string, string | number>) => translate(locale, k, p);
  const pass = new PassThrough();
  // counts the zip's output: exceljs hands rows to the zip writer without backpressure, so the rating list waits
  // after each batch until compressed bytes have come out (otherwise a fast cursor piles rows up in memory)
  let outBytes = 0;
  let onOutput: (() => void) | null = null;
  const counter = new Transform({ transform(chunk: Buffer, _e, cb) { outBytes += chunk.length; onOutput?.(); onOutput = null; cb(null, chunk); } });
  counter.pipe(pass);
  const outputSince = async (seen: number) => {
    if (outBytes !== seen) return;
    await new Promise<void>((res) => { const timer = setTimeout(res, 1_000); onOutput = () => { clearTimeout(timer); res(); }; });
  };
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: counter, useStyles: true, useSharedStrings: false });

  const write = async (): Promise<number> => {
    let written = 0;
    if (request.kind !== "ratings") {
      const s = await aggregateSheet(actor, filter, request, locale, db);
      const sheet = workbook.addWorksheet(s.name.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
      sheet.columns = s.columns.map((c, i) => ({ key: `c${i}`, header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      for (const row of s.rows) { sheet.addRow(row).commit(); written++; }
      if (s.totals) { const tr = sheet.addRow(s.totals); tr.font = { bold: true }; tr.commit(); }
      await sheet.commit();
    } else {
      const sheet = workbook.addWorksheet(t("stats.section.ratings"), { views: [{ state: "frozen", ySplit: 1 }] });
      const cols: [string, number, string?][] = [["stats.col.customerCode", 16], ["stats.col.customerName", 36], ["stats.col.customerType", 14], ["stats.col.institution", 24], ["stats.col.industry", 10], ["stats.col.region", 10], ["stats.col.model", 16], ["stats.col.systemGrade", 10], ["stats.col.grade", 8], ["stats.col.pd", 12, "0.0000%"], ["stats.col.ratedOn", 12, "yyyy-mm-dd"], ["stats.col.status", 12]];
      sheet.columns = cols.map(([h, w, fmt], i) => ({ key: `c${i}`, header: t(h), width: w, style: fmt ? { numFmt: fmt } : {} }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      const where = drillWhere(scoped, request.dimension, request.value);
      let seen = 0;
      for await (const batch of ratingBatches(db, client, where, client ? CURSOR_BATCH : PAGE)) {
        const page = batch.slice(0, MAX_EXPORT_ROWS - written);
        for (const r of page) {
          sheet.addRow([text(r.customerCode), text(r.customerName), t(`customerType.${r.customerType}`), text(r.institutionName), text(r.industryCode), text(r.regionCode), text(r.modelKey), text(r.systemGrade), text(r.grade), r.pd === null ? null : Number(r.pd), new Date(`${r.ratedOn}T00:00:00Z`), t(`stats.status.${r.status}`)]).commit();
        }
        written += page.length;
        // let the consumer drain the stream before the next batch (backpressure keeps RSS flat)
        if (pass.writableNeedDrain) await new Promise((res) => pass.once("drain", res));
        await outputSince(seen);
        seen = outBytes;
        if (written >= MAX_EXPORT_ROWS) break;
      }
      const tr = sheet.addRow([t("stats.total"), written]);
      tr.font = { bold: true };
      tr.commit();
      if (written >= MAX_EXPORT_ROWS) sheet.addRow([t("stats.exportTruncated", { n: MAX_EXPORT_ROWS })]).commit();
      await sheet.commit();
    }
    await workbook.commit();
    return written;
  };
  const done = write().catch((e) => {
    console.error("statistics export failed", e);
    counter.destroy();
    pass.destroy(e instanceof Error ? e : new Error(String(e)));
    return -1;
  });
  const stamp = now.toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return { stream: Readable.toWeb(pass) as ReadableStream<Uint8Array>, fileName: `statistics-${request.kind}-${stamp}.xlsx`, done };
}
