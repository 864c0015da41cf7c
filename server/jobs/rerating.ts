import "server-only";
import { getDb, type Db } from "@/db/client";
import { modelVersionById } from "@/server/data/models";
import { readBookPage } from "@/server/data/model-book";
import { rawDbOf } from "@/server/data/raw-db";
import { BatchPageText, claimReratingJob, finishReratingJob, writeBatchPage, type ReratingCounts } from "@/server/data/rerating";
import { compileBatchRater, gradeIndex } from "@/server/domain/scoring";

export interface RunOptions {
  db?: Db;
  pageSize?: number;
  now?: () => Date;
  /** Called after each committed page; tests throw from it to simulate a crash between two pages. */
  afterPage?: (page: number) => void;
  /** Filled with milliseconds spent reading, scoring and waiting for the previous page's write (for the benchmark). */
  timings?: { read: number; score: number; write: number };
}

/**
 * Runs (or resumes) a batch re-rating job: the book of the version's customer types is read page by page after
 * the job's cursor, every customer is scored by the compiled batch rater (the same figures as `rate()`, with the
 * compact explanation), and each page is written with the job's new cursor, progress and counts in one
 * transaction. A crash therefore loses at most the page in flight, and the next run starts exactly after the last
 * committed page: no customer is skipped or written twice.
 */
export async function runReratingJob(jobId: number, opts: RunOptions = {}): Promise<{ claimed: boolean; done?: number }> {
  const db = opts.db ?? getDb();
  const raw = rawDbOf(db);
  const now = opts.now ?? (() => new Date());
  const pageSize = opts.pageSize ?? 5_000;
  const job = await claimReratingJob(db, jobId, now());
  if (!job) return { claimed: false };
  try {
    const model = await modelVersionById(db, job.payload.versionId);
    if (!model) throw new Error(`model version ${job.payload.versionId} not found`);
    const rater = compileBatchRater(model.definition, model.scale);
    let cursor = job.cursor;
    let done = job.done;
    const counts: ReratingCounts = { ...(job.result ?? { upgraded: 0, downgraded: 0, unchanged: 0 }) };
    // The stages overlap: PostgreSQL reads page n + 1 and writes pages n - 2 and n - 1 (on two connections: a
    // page's write is the slowest stage) while this process scores page n. Pages still commit one after another,
    // each with its own cursor, so resuming stays exact.
    const read = (after: string | null) => {
      const p = readBookPage(db, model.customerTypes as Parameters<typeof readBookPage>[1], after, pageSize);
      p.catch(() => undefined); // awaited in the loop; this only keeps an early rejection from going unhandled
      return p;
    };
    let writing: Promise<void> = Promise.resolve(); // the latest page's write
    let before: Promise<void> = Promise.resolve(); // the one before it
    let next = read(cursor);
    try {
      for (let page = 1; ; page++) {
        let mark = performance.now();
        const { entries, lastCustomerId } = await next;
        if (lastCustomerId === null) break;
        next = read(lastCustomerId);
        if (opts.timings) opts.timings.read += performance.now() - mark;
        mark = performance.now();
        const text = new BatchPageText({ jobId, modelVersionId: model.versionId, modelKey: model.key, modelVersion: model.version, userId: job.createdBy, now: now() });
        for (const e of entries) {
          const r = rater(e.inputs);
          const move = gradeIndex(model.scale, e.grade) - gradeIndex(model.scale, r.grade);
          if (move > 0) counts.upgraded++;
          else if (move < 0) counts.downgraded++;
          else counts.unchanged++;
          text.add({ customerId: e.customerId, inputsResultId: e.inputsResultId, explanation: r.explanation, score: r.score, pd: r.pd, modelGrade: r.modelGrade, grade: r.grade, debtCapacity: r.debtCapacity, riskLimit: r.riskLimit });
        }
        cursor = lastCustomerId;
        done += entries.length;
        if (opts.timings) opts.timings.score += performance.now() - mark;
        mark = performance.now();
        await before; // at most two pages in flight (a failure ends the run here)
        if (opts.timings) opts.timings.write += performance.now() - mark;
        const progress = { done, cursor, result: { ...counts } };
        const previous = writing;
        before = previous;
        writing = (async () => {
          await writeBatchPage(raw, text, progress, () => previous);
          opts.afterPage?.(page);
        })();
        writing.catch(() => undefined); // awaited above or below; this only keeps the rejection from going unhandled
      }
      const mark = performance.now();
      await writing;
      if (opts.timings) opts.timings.write += performance.now() - mark;
    } catch (e) {
      await Promise.allSettled([before, writing]); // never leave a write running behind the failure
      await next.catch(() => undefined);
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
