import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { latestSyncRun, listSyncRuns, syncRunReport, type SyncRunRow } from "@/server/data/sync-runs";
import { neutraliseCell } from "@/server/domain/audit/spreadsheet-safe";
import { DomainError } from "@/server/domain/errors";
import type { SyncIssue } from "@/server/domain/sync";

export const listSyncRunsInput = z.object({ page: z.number().int().min(1).max(100_000).default(1), pageSize: z.number().int().min(1).max(100).default(20) });

function dto(r: SyncRunRow) {
  const p = (r.progress ?? {}) as { customersDone?: number; customersTotal?: number | null };
  return {
    id: r.id, mode: r.mode, trigger: r.trigger, sourceKind: r.sourceKind, status: r.status, startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null, rowsRead: r.rowsRead, rowsInserted: r.rowsInserted, rowsUpdated: r.rowsUpdated,
    rowsUnchanged: r.rowsUnchanged, rowsRejected: r.rowsRejected, rowsDeleted: r.rowsDeleted, customersDone: p.customersDone ?? 0,
    customersTotal: p.customersTotal ?? null, error: r.error, startedBy: r.startedBy, reportSize: r.reportSize,
  };
}
export type SyncRunDto = ReturnType<typeof dto>;

export async function getSyncRuns(input: z.output<typeof listSyncRunsInput>) {
  const { rows, total } = await listSyncRuns(getDb(), input.page, input.pageSize);
  return { rows: rows.map(dto), total, page: input.page, pageSize: input.pageSize };
}

export async function getSyncStatus() {
  const r = await latestSyncRun(getDb());
  return { latest: r ? dto(r) : null };
}

/** The run's rejected rows as CSV (UTF-8 with BOM for Excel), cells neutralised against formula injection. */
export async function syncReportCsv(id: number, texts: (key: string) => string): Promise<{ fileName: string; body: string }> {
  const row = await syncRunReport(getDb(), id);
  if (!row) throw new DomainError("NOT_FOUND");
  const issues = (Array.isArray(row.report) ? row.report : []) as SyncIssue[];
  const cell = (v: unknown) => {
    const s = neutraliseCell(String(v ?? ""));
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = ["interface", "key", "field", "reason", "value"].map((h) => cell(texts(`admin.sync.report.${h}`))).join(",");
  const lines = issues.map((i) => [i.interface, i.key, i.field, texts(i.reason), i.value ?? ""].map(cell).join(","));
  return { fileName: `sync-run-${id}-report.csv`, body: `\uFEFF${[header, ...lines].join("\r\n")}\r\n` };
}
