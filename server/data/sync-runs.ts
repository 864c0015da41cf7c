import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { syncRuns, users } from "@/db/schema";

const columns = {
  id: syncRuns.id,
  mode: syncRuns.mode,
  trigger: syncRuns.trigger,
  sourceKind: syncRuns.sourceKind,
  status: syncRuns.status,
  startedAt: syncRuns.startedAt,
  finishedAt: syncRuns.finishedAt,
  rowsRead: syncRuns.rowsRead,
  rowsInserted: syncRuns.rowsInserted,
  rowsUpdated: syncRuns.rowsUpdated,
  rowsUnchanged: syncRuns.rowsUnchanged,
  rowsRejected: syncRuns.rowsRejected,
  rowsDeleted: syncRuns.rowsDeleted,
  progress: syncRuns.progress,
  error: syncRuns.error,
  startedBy: users.username,
  reportSize: sql<number>`coalesce(jsonb_array_length(${syncRuns.report}), 0)::int`,
};

export type SyncRunRow = {
  id: number; mode: string; trigger: string; sourceKind: string; status: string; startedAt: Date; finishedAt: Date | null;
  rowsRead: number; rowsInserted: number; rowsUpdated: number; rowsUnchanged: number; rowsRejected: number; rowsDeleted: number;
  progress: unknown; error: string | null; startedBy: string | null; reportSize: number;
};

export async function listSyncRuns(db: Queryable, page: number, pageSize: number): Promise<{ rows: SyncRunRow[]; total: number }> {
  const rows = await db.select(columns).from(syncRuns).leftJoin(users, eq(users.id, syncRuns.startedBy)).orderBy(desc(syncRuns.id)).limit(pageSize).offset((page - 1) * pageSize);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(syncRuns);
  return { rows: rows as SyncRunRow[], total: n };
}

export async function latestSyncRun(db: Queryable): Promise<SyncRunRow | null> {
  const [row] = await db.select(columns).from(syncRuns).leftJoin(users, eq(users.id, syncRuns.startedBy)).orderBy(desc(syncRuns.id)).limit(1);
  return (row as SyncRunRow | undefined) ?? null;
}

export async function syncRunReport(db: Queryable, id: number): Promise<{ id: number; report: unknown } | null> {
  const [row] = await db.select({ id: syncRuns.id, report: syncRuns.report }).from(syncRuns).where(eq(syncRuns.id, id));
  return row ?? null;
}
