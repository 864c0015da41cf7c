import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { copyField, type RawDb } from "./raw-db";
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

export async function finishReratingJob(db: Queryable, id: number, v: { status: "succeeded" | "failed"; error?: string; now: Date }) {
  await db.update(jobs).set({ status: v.status, error: v.error ?? null, finishedAt: v.status === "succeeded" ? v.now : null, heartbeatAt: v.now }).where(eq(jobs.id, id));
}

export interface BatchResultRow {
  customerId: string;
  /** The result holding the snapshot that was re-scored: referenced, not copied (see `rating_results.inputs_result_id`). */
  inputsResultId: number;
  /** The compact explanation as JSON text */
  explanation: string;
  score: number;
  pd: number;
  modelGrade: string;
  grade: string;
  debtCapacity: number | null;
  riskLimit: number | null;
}

export interface BatchPageHeader {
  jobId: number;
  modelVersionId: number;
  modelKey: string;
  modelVersion: number;
  userId: string | null;
  now: Date;
}

/**
 * One page of batch results in COPY text, appended row by row as they are scored (no array of row objects is kept:
 * a page is the live set of the job, and the less of it there is, the less the garbage collector copies).
 */
export class BatchPageText {
  text = "";
  rows = 0;
  private readonly constant: string;
  private readonly tail: string;
  constructor(readonly header: BatchPageHeader) {
    this.constant = `batch\t${header.modelVersionId}\t${copyField(header.modelKey)}\t${header.modelVersion}\t`;
    this.tail = `\t${header.jobId}\t${copyField(header.userId)}\t${header.now.toISOString()}\n`;
  }
  add(r: BatchResultRow): void {
    this.text += `${r.customerId}\t${this.constant}${r.inputsResultId}\t${copyField(r.explanation)}\t${r.score}\t${r.pd}\t${copyField(r.modelGrade)}\t${copyField(r.grade)}\t${copyField(r.debtCapacity)}\t${copyField(r.riskLimit)}${this.tail}`;
    this.rows++;
  }
}

const RESULT_COLUMNS = ["customer_id", "kind", "model_version_id", "model_key", "model_version", "inputs_result_id", "explanation", "score", "pd", "model_grade", "grade", "debt_capacity", "risk_limit", "batch_job_id", "created_by", "created_at"];

/**
 * Writes one page of batch results and the job's new cursor, progress and counts in ONE transaction: a crash loses
 * at most this page, and the resumed job starts exactly after the last committed one. `afterRows` runs between the
 * rows and the progress: the caller waits there for the previous page's commit, so two pages can be written at
 * once on two connections and still commit, with their cursors, in order (a failed previous page rolls this one back).
 *
 * The rows are COPYed (measured on 100,000 results: COPY 9.2 s against 19.4 s for one `jsonb_to_recordset` insert
 * per page, both still copying the snapshot; with the snapshot referenced and the version-2 explanation, COPY took
 * 2.3 s). The commit need not wait for its WAL to reach the disk: if the server crashes, the pages lost are the last
 * ones, together with the cursor committed in the same transactions, so the resumed job writes them again.
 * Interactive ratings keep the default, durable commit.
 */
export async function writeBatchPage(db: RawDb, page: BatchPageText, progress: { done: number; cursor: string; result: ReratingCounts }, afterRows: () => Promise<void> = async () => undefined): Promise<void> {
  await db.begin(async (tx) => {
    await tx.query("set local synchronous_commit = off");
    await tx.copyIn("rating_results", RESULT_COLUMNS, page.text);
    await afterRows();
    await tx.query(`update jobs set done = $2, cursor = $3, result = $4::text::jsonb, heartbeat_at = $5::timestamptz where id = $1`, [
      page.header.jobId,
      progress.done,
      progress.cursor,
      JSON.stringify(progress.result),
      page.header.now.toISOString(),
    ]);
  });
}
