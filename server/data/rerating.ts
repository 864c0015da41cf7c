import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { jobs } from "@/db/schema";

export const RERATING_KIND = "rerating";
/** Serialises the "is a re-rating already going?" check with the insert of a new job. */
const RERATING_START_LOCK = 4_207_030;
/** A running job whose heartbeat is older than this is taken to have died with its process. */
export const RERATING_STALE_SECONDS = 30;

export interface ReratingPayload {
  versionId: number;
  modelKey: string;
  version: number;
}
export interface ReratingCounts {
  upgraded: number;
  downgraded: number;
  unchanged: number;
}
export interface ReratingJob {
  id: number;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  payload: ReratingPayload;
  total: number;
  done: number;
  cursor: string | null;
  result: ReratingCounts | null;
  error: string | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
}

export async function lockReratingStart(tx: Queryable) {
  await tx.execute(sql`select pg_advisory_xact_lock(${RERATING_START_LOCK})`);
}

/** A job that is queued, or running with a live heartbeat. */
export async function activeReratingJob(tx: Queryable, now: Date): Promise<ReratingJob | undefined> {
  const stale = new Date(now.getTime() - RERATING_STALE_SECONDS * 1000);
  const [row] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, RERATING_KIND), sql`(${jobs.status} = 'queued' or (${jobs.status} = 'running' and ${jobs.heartbeatAt} >= ${stale.toISOString()}::timestamptz))`))
    .limit(1);
  return row as ReratingJob | undefined;
}

export async function insertReratingJob(tx: Queryable, v: { payload: ReratingPayload; total: number; userId: string | null; now: Date }): Promise<number> {
  const [row] = await tx
    .insert(jobs)
    .values({ kind: RERATING_KIND, status: "queued", payload: v.payload, total: v.total, done: 0, result: { upgraded: 0, downgraded: 0, unchanged: 0 }, createdBy: v.userId, createdAt: v.now })
    .returning({ id: jobs.id });
  return row.id;
}

/**
 * Claims a job for this process: queued, failed, or running with a dead heartbeat. Atomic, so of two processes
 * trying to resume the same job exactly one gets it.
 */
export async function claimReratingJob(db: Queryable, id: number, now: Date): Promise<ReratingJob | undefined> {
  const stale = new Date(now.getTime() - RERATING_STALE_SECONDS * 1000);
  const [row] = await db
    .update(jobs)
    .set({ status: "running", startedAt: sql`coalesce(${jobs.startedAt}, ${now.toISOString()}::timestamptz)`, heartbeatAt: now, error: null })
    .where(and(eq(jobs.id, id), eq(jobs.kind, RERATING_KIND), sql`(${jobs.status} in ('queued', 'failed') or (${jobs.status} = 'running' and (${jobs.heartbeatAt} is null or ${jobs.heartbeatAt} < ${stale.toISOString()}::timestamptz)))`))
    .returning();
  return row as ReratingJob | undefined;
}

/** Jobs a dead process left behind: queued and never started, or running with a heartbeat past the stale limit. */
export async function interruptedReratingJobIds(db: Queryable, now: Date): Promise<number[]> {
  const stale = new Date(now.getTime() - RERATING_STALE_SECONDS * 1000);
  const rows = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, RERATING_KIND), sql`(${jobs.status} = 'queued' or (${jobs.status} = 'running' and (${jobs.heartbeatAt} is null or ${jobs.heartbeatAt} < ${stale.toISOString()}::timestamptz)))`))
    .orderBy(jobs.id);
  return rows.map((r) => r.id);
}

export async function findReratingJob(db: Queryable, id: number): Promise<ReratingJob | undefined> {
  const [row] = await db.select().from(jobs).where(and(eq(jobs.id, id), eq(jobs.kind, RERATING_KIND))).limit(1);
  return row as ReratingJob | undefined;
}

export async function listReratingJobs(db: Queryable, limit = 10): Promise<ReratingJob[]> {
  return (await db.select().from(jobs).where(eq(jobs.kind, RERATING_KIND)).orderBy(desc(jobs.id)).limit(limit)) as ReratingJob[];
}

/** Progress, cursor and counts move in the same transaction as the page of results they describe. */
export async function advanceReratingJob(tx: Queryable, id: number, v: { done: number; cursor: string; result: ReratingCounts; now: Date }) {
  await tx.update(jobs).set({ done: v.done, cursor: v.cursor, result: v.result, heartbeatAt: v.now }).where(eq(jobs.id, id));
}

export async function finishReratingJob(db: Queryable, id: number, v: { status: "succeeded" | "failed"; error?: string; now: Date }) {
  await db.update(jobs).set({ status: v.status, error: v.error ?? null, finishedAt: v.status === "succeeded" ? v.now : null, heartbeatAt: v.now }).where(eq(jobs.id, id));
}

/**
 * A batch page need not wait for its WAL to reach the disk: if the server crashes, the pages lost are the last
 * ones, together with the cursor committed in the same transactions, so the resumed job writes them again.
 * Interactive ratings keep the default, durable commit.
 */
export async function relaxCommitDurability(tx: Queryable) {
  await tx.execute(sql`set local synchronous_commit = off`);
}

export interface BatchResultRow {
  customerId: string;
  /** The result whose inputs were re-scored: its snapshot is copied inside the database, not sent again. */
  sourceResultId: number;
  explanation: string;
  score: number;
  pd: number;
  modelGrade: string;
  grade: string;
  debtCapacity: number | null;
  riskLimit: number | null;
}

/**
 * Writes one page of batch results in a single statement: the rows travel as one JSON document and
 * `jsonb_to_recordset` turns them into rows (several times faster than the insert builder, and it runs the same
 * on PGlite and PostgreSQL).
 */
export async function insertBatchResults(tx: Queryable, v: { jobId: number; modelVersionId: number; modelKey: string; modelVersion: number; userId: string | null; now: Date; rows: BatchResultRow[] }) {
  if (v.rows.length === 0) return;
  const doc =
    "[" +
    v.rows
      .map((r) =>
        `{"c":"${r.customerId}","s":${r.sourceResultId},"e":${r.explanation},"sc":${r.score},"pd":${r.pd},"mg":"${r.modelGrade}","g":"${r.grade}","dc":${r.debtCapacity ?? "null"},"rl":${r.riskLimit ?? "null"}}`,
      )
      .join(",") +
    "]";
  await tx.execute(sql`
    insert into rating_results (customer_id, kind, model_version_id, model_key, model_version, inputs_snapshot, explanation, score, pd, model_grade, grade, debt_capacity, risk_limit, batch_job_id, created_by, created_at)
    select x.c, 'batch', ${v.modelVersionId}, ${v.modelKey}, ${v.modelVersion}, src.inputs_snapshot, x.e, x.sc, x.pd, x.mg, x.g, x.dc, x.rl, ${v.jobId}, ${v.userId}::uuid, ${v.now.toISOString()}::timestamptz
      from jsonb_to_recordset(${doc}::jsonb) as x(c uuid, s bigint, e jsonb, sc numeric, pd numeric, mg text, g text, dc numeric, rl numeric)
      join rating_results src on src.id = x.s`);
}

