import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getDbHandle, type DbHandle } from "@/db/client";
import {
  DEMO_SYNC_CONFIG,
  advanceWatermark,
  configHash,
  formatWatermark,
  parseSyncConfig,
  parseWatermark,
  ourRowCount,
  planCustomer,
  referenceHash,
  type CustomerPlan,
  type PlanContext,
  type SyncConfig,
  type SyncIssue,
  type Watermark,
} from "@/server/domain/sync";
import { DomainError } from "@/server/domain/errors";
import { appendAudit, type AuditEntry } from "@/server/data/audit";
import { isDeadlock, isUniqueViolation } from "@/server/data/pg-errors";
import { CopyRejectedError } from "@/server/data/raw-db";
import { csvSource, postgresSource, SourceError, type SyncSource } from "@/server/data/sync-source";
import {
  addRunCounts,
  analyzeSyncTables,
  countStoredRows,
  failInterruptedRuns,
  finishSyncRun,
  insertSyncRun,
  lastWatermark,
  loadSyncContext,
  markMissingCustomersDeleted,
  rawDb,
  runningSyncRun,
  storedChecksums,
  storedRawHashes,
  tryAcquireSyncLock,
  writeSyncBatch,
  ZERO_COUNTS,
  type RunCounts,
} from "@/server/data/sync";

export type SyncMode = "full" | "incremental";
export type SyncTrigger = "cron" | "schedule" | "admin" | "cli";

export interface SyncOptions {
  mode: SyncMode;
  trigger: SyncTrigger;
  userId?: string | null;
  handle?: DbHandle;
  config?: SyncConfig;
  /** default from the environment: SYNC_SOURCE_CSV_DIR, else SOURCE_DATABASE_URL */
  source?: { kind: "csv"; dir: string } | { kind: "postgres"; url: string };
  /** who started the run and from where (the audit row "sync.start"); system triggers leave the user empty */
  actor?: Pick<AuditEntry, "userId" | "username" | "role" | "institutionId" | "ip">;
  /** bench: milliseconds spent awaiting the source, planning, waiting for the previous batch's write, and writing */
  timings?: { source: number; plan: number; waitWrite: number; write: number };
  /** test and bench hooks */
  afterBatch?: (batch: number, customersDone: number) => Promise<void> | void;
  /** called inside a batch's transaction after all its writes, before COMMIT (tests throw here to crash mid-batch) */
  beforeCommit?: (batch: number) => void;
  /** returns as soon as the run is registered (the rest runs in the background); the promise resolves at the end */
  onStarted?: (runId: number) => void;
}

export interface SyncOutcome {
  runId: number;
  status: "succeeded" | "failed";
  counts: RunCounts;
  customers: number;
  error?: string;
}

/** The mapping: SYNC_CONFIG_FILE (JSON) if set, else the demo mapping. */
export function loadSyncConfig(): SyncConfig {
  const file = process.env.SYNC_CONFIG_FILE;
  if (!file) return DEMO_SYNC_CONFIG;
  return parseSyncConfig(JSON.parse(fs.readFileSync(file, "utf8")));
}

export function sourceFromEnv(): SyncOptions["source"] | null {
  if (process.env.SYNC_SOURCE_CSV_DIR) return { kind: "csv", dir: process.env.SYNC_SOURCE_CSV_DIR };
  if (process.env.SOURCE_DATABASE_URL) return { kind: "postgres", url: process.env.SOURCE_DATABASE_URL };
  // the demo's generated CMS (npm run demo writes it)
  const demo = path.join(process.cwd(), ".data", "cms-source");
  if (process.env.NODE_ENV !== "test" && fs.existsSync(path.join(demo, "customer_info.csv"))) return { kind: "csv", dir: demo };
  return null;
}

function openSource(s: NonNullable<SyncOptions["source"]>, config: SyncConfig): SyncSource {
  return s.kind === "csv" ? csvSource(s.dir, config) : postgresSource(s.url, config);
}

/**
 * Runs one sync. Refused with DomainError("BUSY") while another run holds the lock (any app instance).
 * Reads the source customer by customer, validates and maps each one (domain), skips customers whose content
 * checksum is unchanged, and writes the rest in batches of whole customers, one transaction per batch with the
 * ledger counters. The next batch is read while the previous one is written.
 */
export async function runSync(opts: SyncOptions): Promise<SyncOutcome> {
  const handle = opts.handle ?? getDbHandle();
  const db = rawDb(handle);
  const config = opts.config ?? loadSyncConfig();
  const sourceSpec = opts.source ?? sourceFromEnv();
  if (!sourceSpec) throw new DomainError("VALIDATION", "sync.err.noSource");
  const lock = await tryAcquireSyncLock(handle);
  if (!lock) {
    const running = await runningSyncRun(db).catch(() => null);
    throw new DomainError("BUSY", "sync.busy", { params: { runId: running?.id ?? 0 } });
  }
  let runId = 0;
  let source: SyncSource | null = null;
  const counts: RunCounts = { ...ZERO_COUNTS };
  let customersDone = 0;
  let customersTotal: number | null = null;
  let skipped = 0; // customers a full run did not read: their source hash is unchanged
  const progress = () => ({ customersDone, customersTotal, skipped, phase: "sync" });
  const writing = new Set<Promise<void>>(); // batch writes in flight
  try {
    await failInterruptedRuns(db);
    const previous = opts.mode === "incremental" ? parseWatermark(await lastWatermark(db)) : null;
    runId = await insertSyncRun(db, { mode: opts.mode, trigger: opts.trigger, sourceKind: sourceSpec.kind, watermarkFrom: previous ? formatWatermark(previous) : null, userId: opts.userId ?? null });
    // audited before anyone is told the run started: a trigger that cannot be audited runs nothing
    await handle.db.transaction((tx) =>
      appendAudit(tx, { ...opts.actor, action: "sync.start", entityType: "sync_run", entityId: String(runId), after: { mode: opts.mode, trigger: opts.trigger, source: sourceSpec.kind } }),
    );
    opts.onStarted?.(runId);
    source = openSource(sourceSpec, config);
    const ref = await loadSyncContext(db);
    const ctx: PlanContext = { config, configHash: configHash(config), ...ref };
    customersTotal = await source.countCustomers(previous);
    let seen: Watermark = previous ?? { accessTime: null, recordMonth: null };
    const seenIds = opts.mode === "full" ? new Set<string>() : null;
    // A full run on a source that can hash (PostgreSQL) reads only the customers whose raw rows, mapping or
    // reference data changed since their last write; the others count as unchanged without being read.
    let rawHashes: Map<string, string> | null = null;
    let onlyCustIds: string[] | undefined;
    if (seenIds && source.customerHashes) {
      const sh = await source.customerHashes(`${ctx.configHash}:${referenceHash(ref)}`);
      rawHashes = sh.hashes;
      const stored = await storedRawHashes(db);
      const same: string[] = [];
      const toRead: string[] = [];
      // the skipped customers' rows as counted when their hash was written (counting 1.7 million rows again took
      // 0.7 s at 100,000 customers); counted in the database only for hashes stored without a count
      let unchanged = 0;
      const uncounted: string[] = [];
      for (const [id, h] of sh.hashes) {
        seenIds.add(id);
        const s = stored.get(id);
        if (s?.hash !== h) toRead.push(id);
        else {
          same.push(id);
          if (s.rows === null) uncounted.push(id);
          else unchanged += s.rows;
        }
      }
      if (same.length) {
        onlyCustIds = toRead;
        if (uncounted.length) unchanged += await countStoredRows(db, uncounted);
        counts.rowsUnchanged += unchanged;
        customersDone += same.length;
        skipped = same.length;
        // the skipped customers are current up to the source's maxima, read in the same snapshot as the hashes
        seen = advanceWatermark(seen, { accessTime: sh.maxAccessTime, recordMonth: sh.maxRecordMonth });
        await addRunCounts(db, runId, { ...ZERO_COUNTS, rowsUnchanged: unchanged }, progress(), []);
      }
    }

    let batch: CustomerPlan[] = [];
    // PostgreSQL writes two batches at once on two connections while this process reads and maps the next one (a
    // batch's write is the slowest stage); PGlite is one connection, so one write at a time there. Batches hold
    // distinct customers and their ledger counts are sums, so they may commit in either order.
    const maxWrites = handle.sql ? 2 : 1;
    let queued = 0; // customers handed to a write so far
    let batchesQueued = 0;
    let batchNo = 0; // batches committed
    let insertedAtAnalyze = 0; // rows this run had inserted at the last statistics refresh
    let insertedSinceAnalyze = 0;
    const refreshStatistics = async () => {
      const n = insertedSinceAnalyze;
      insertedSinceAnalyze = 0;
      insertedAtAnalyze += n;
      await analyzeSyncTables(db);
    };
    const flush = async (plans: CustomerPlan[], self: { promise?: Promise<void> }) => {
      const no = ++batchesQueued;
      const done = (queued += plans.length);
      const withCustomer = plans.filter((p) => p.customer);
      const stored = await storedChecksums(db, withCustomer.map((p) => p.custId));
      const delta: RunCounts = { ...ZERO_COUNTS };
      const issues: SyncIssue[] = [];
      const changed: CustomerPlan[] = [];
      for (const p of plans) {
        delta.rowsRead += p.rowsRead;
        delta.rowsRejected += p.rowsRejected;
        issues.push(...p.issues);
        if (!p.customer) continue;
        const s = stored.get(p.custId);
        if (s && s.checksum === p.checksum && !s.deleted) delta.rowsUnchanged += ourRowCount(p);
        else changed.push(p);
      }
      // a customer read with an issue keeps no hash: it is read (and reported) again next time
      const hashes = rawHashes && {
        ids: withCustomer.map((p) => p.custId),
        hashes: withCustomer.map((p) => (p.issues.length || p.rowsRejected ? null : (rawHashes!.get(p.custId) ?? null))),
        rows: withCustomer.map(ourRowCount),
      };
      const write = (allNew: boolean) =>
        writeSyncBatch(db, runId, changed, {
          counts: delta,
          issues,
          progress: () => ({ ...progress(), customersDone: done }),
          beforeCommit: opts.beforeCommit ? () => opts.beforeCommit!(no) : undefined,
          rawHashes: hashes ?? undefined,
          allNew,
        });
      // None of the batch's customers is stored: the first-load path COPYs them straight in. Should the other batch in
      // flight (or another writer) take one of their codes meanwhile, the unique violation (on PostgreSQL a rejected
      // COPY, whose cause the driver loses) rolls this transaction back, and so may a deadlock between the two; the
      // batch is then redone once through the merge path after the other write has ended, and the merge path
      // reports the taken code.
      const allNew = changed.length > 0 && stored.size === 0;
      // The merge path joins the big tables and needs their statistics current: refreshed before a merge batch once
      // the run has doubled what it had inserted at the last refresh. The first-load path plans nothing (a whole
      // first load runs without one: 0.6 s each at 10,000 customers), and one refresh follows the run.
      if (!allNew && insertedSinceAnalyze > 0 && insertedSinceAnalyze >= insertedAtAnalyze) await refreshStatistics();
      const writeStart = performance.now();
      const r = await write(allNew).catch(async (e) => {
        if (!isUniqueViolation(e) && !isDeadlock(e) && !(e instanceof CopyRejectedError)) throw e;
        await Promise.allSettled([...writing].filter((w) => w !== self.promise));
        return write(false);
      });
      if (opts.timings) opts.timings.write += performance.now() - writeStart;
      customersDone = Math.max(customersDone, done);
      for (const k of Object.keys(counts) as (keyof RunCounts)[]) counts[k] += r.counts[k];
      batchNo++;
      insertedSinceAnalyze += r.counts.rowsInserted;
      await opts.afterBatch?.(batchNo, customersDone);
    };
    const startWrite = (plans: CustomerPlan[]) => {
      const self: { promise?: Promise<void> } = {};
      const promise = flush(plans, self);
      self.promise = promise;
      writing.add(promise);
      // settled: out of the set; a rejection is raised by the Promise.race that waits on it
      promise.then(() => writing.delete(promise), () => undefined);
    };
    const tm = opts.timings;
    let mark = performance.now();
    for await (const g of source.groups(previous, onlyCustIds)) {
      const planStart = performance.now();
      if (tm) tm.source += planStart - mark;
      const plan = planCustomer(g, ctx);
      seenIds?.add(g.custId);
      seen = advanceWatermark(seen, { accessTime: plan.maxAccessTime, recordMonth: plan.customer?.recordMonth ?? null });
      batch.push(plan);
      mark = performance.now();
      if (tm) tm.plan += mark - planStart;
      if (batch.length >= config.batchCustomers) {
        const plans = batch;
        batch = [];
        // at most maxWrites in flight; a failed write ends the run here
        while (writing.size >= maxWrites) await Promise.race(writing);
        if (tm) tm.waitWrite += performance.now() - mark;
        startWrite(plans);
      }
      mark = performance.now();
    }
    if (batch.length) startWrite(batch);
    while (writing.size) await Promise.race(writing);
    if (insertedSinceAnalyze > 0) await refreshStatistics();
    if (seenIds) counts.rowsDeleted += await markMissingCustomersDeleted(db, runId, seenIds);
    await finishSyncRun(db, runId, { status: "succeeded", watermarkTo: formatWatermark(seen), progress: { ...progress(), phase: "done" } });
    return { runId, status: "succeeded", counts, customers: customersDone };
  } catch (e) {
    const reason = e instanceof SourceError ? e.reason : e instanceof DomainError ? e.message : "sync.err.failed";
    console.error(`[sync run ${runId}]`, e);
    await Promise.allSettled(writing); // never mark the run failed, or free the lock, with a write still going
    if (runId) await finishSyncRun(db, runId, { status: "failed", error: reason }).catch(() => undefined);
    if (!runId) throw e;
    return { runId, status: "failed", counts, customers: customersDone, error: reason };
  } finally {
    await source?.close().catch(() => undefined);
    await lock.release().catch(() => undefined);
  }
}
