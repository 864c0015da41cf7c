import "server-only";
import { getDb, type Db } from "@/db/client";
import { modelVersionById } from "@/server/data/models";
import { readBookPage } from "@/server/data/model-book";
import { advanceReratingJob, claimReratingJob, finishReratingJob, insertBatchResults, relaxCommitDurability, type BatchResultRow, type ReratingCounts } from "@/server/data/rerating";
import { compactExplanationJson, gradeIndex, rate } from "@/server/domain/scoring";

export interface RunOptions {
  db?: Db;
  pageSize?: number;
  now?: () => Date;
  /** Called after each committed page; tests throw from it to simulate a crash between two pages. */
  afterPage?: (page: number) => void;
  /** Filled with milliseconds spent reading, scoring and writing (for the benchmark). */
  timings?: { read: number; score: number; write: number };
}

/**
 * Runs (or resumes) a batch re-rating job: the book of the version's customer types is read page by page after
 * the job's cursor, every customer is scored with `rate()` (stored as the compact explanation), and each page is written in one
 * statement together with the job's new cursor, progress and counts, in one transaction. A crash therefore
 * loses at most the page in flight, and the next run starts exactly after the last committed page: no customer
 * is skipped or written twice.
 */
export async function runReratingJob(jobId: number, opts: RunOptions = {}): Promise<{ claimed: boolean; done?: number }> {
  const db = opts.db ?? getDb();
  const now = opts.now ?? (() => new Date());
  const pageSize = opts.pageSize ?? 5_000;
  const job = await claimReratingJob(db, jobId, now());
  if (!job) return { claimed: false };
  try {
    const model = await modelVersionById(db, job.payload.versionId);
    if (!model) throw new Error(`model version ${job.payload.versionId} not found`);
    let cursor = job.cursor;
    let done = job.done;
    const counts: ReratingCounts = { ...(job.result ?? { upgraded: 0, downgraded: 0, unchanged: 0 }) };
    // The write of page n (PostgreSQL's work) overlaps the read and scoring of page n + 1 (this process's work).
    // Writes still commit one after another, each with its own cursor, so resuming stays exact.
    let writing: Promise<void> = Promise.resolve();
    try {
      for (let page = 1; ; page++) {
        let mark = performance.now();
        const { entries, lastCustomerId } = await readBookPage(db, model.customerTypes as Parameters<typeof readBookPage>[1], cursor, pageSize);
        if (lastCustomerId === null) break;
        if (opts.timings) opts.timings.read += performance.now() - mark;
        mark = performance.now();
        const rows: BatchResultRow[] = entries.map((e) => {
          const r = rate(model.definition, model.scale, e.inputs);
          const move = gradeIndex(model.scale, e.grade) - gradeIndex(model.scale, r.grade);
          if (move > 0) counts.upgraded++;
          else if (move < 0) counts.downgraded++;
          else counts.unchanged++;
          return {
            customerId: e.customerId,
            sourceResultId: e.resultId,
            explanation: compactExplanationJson(r),
            score: r.score,
            pd: r.pd,
            modelGrade: r.modelGrade,
            grade: r.grade,
            debtCapacity: r.limit.debtCapacity,
            riskLimit: r.limit.riskLimit,
          };
        });
        cursor = lastCustomerId;
        done += entries.length;
        if (opts.timings) opts.timings.score += performance.now() - mark;
        mark = performance.now();
        await writing; // the previous page is committed (or its failure ends the run here)
        if (opts.timings) opts.timings.write += performance.now() - mark;
        const progress = { done, cursor, result: { ...counts } };
        writing = (async () => {
          const at = now();
          await db.transaction(async (tx) => {
            await relaxCommitDurability(tx);
            await insertBatchResults(tx, { jobId, modelVersionId: model.versionId, modelKey: model.key, modelVersion: model.version, userId: job.createdBy, now: at, rows });
            await advanceReratingJob(tx, jobId, { ...progress, now: at });
          });
          opts.afterPage?.(page);
        })();
        writing.catch(() => undefined); // awaited above or below; this only keeps the rejection from going unhandled
      }
      const mark = performance.now();
      await writing;
      if (opts.timings) opts.timings.write += performance.now() - mark;
    } catch (e) {
      await writing.catch(() => undefined); // never leave a write running behind the failure
      throw e;
    }
    await finishReratingJob(db, jobId, { status: "succeeded", now: now() });
    return { claimed: true, done };
  } catch (e) {
    console.error(`[rerating job ${jobId}]`, e);
    await finishReratingJob(db, jobId, { status: "failed", error: "interrupted", now: now() }).catch(() => undefined);
    throw e;
  }
}
