/**
 * Customer-system sync from a PostgreSQL source (issue 7: >= 50% of psql \copy's rate, flat memory < 500 MB,
 * an unchanged rerun < 10% of the first run).
 *
 *   npm run bench -- sync                          # 100,000 customers x 3 years x ~37 line items
 *   BENCH_SYNC_CUSTOMERS=5000 npm run bench -- sync
 *   npm run bench -- sync --customers 5000         # the same
 *
 * Setup (not timed): (re)creates the source database `crp_bench_cms` with the generator (COPY) and the target
 * `crp_bench_sync` (migrated, demo seed). Timed: a full sync through runSync (the code every trigger uses);
 * then, on the same rows, psql `\copy` of the report-data rows from a file into an empty table; then the write floor
 * (psql `\copy` of the rows the sync stored into our real tables in `crp_bench_floor`, see writeFloor); then an
 * unchanged full rerun and an unchanged incremental rerun. Peak RSS of this process is sampled every 20 ms.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import postgres from "postgres";
import { openPostgres } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { seedDemo } from "@/db/seed";
import { DEMO_SYNC_CONFIG, parseSyncConfig } from "@/server/domain/sync/config";
import { runSync } from "@/server/jobs/sync";
import { postgresCpuSeconds, startProfile, stopProfile } from "./cpu";

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SRC = process.env.BENCH_SYNC_SOURCE_URL ?? "postgres://postgres@127.0.0.1:5432/crp_bench_cms";
const DST = process.env.BENCH_SYNC_URL ?? "postgres://postgres@127.0.0.1:5432/crp_bench_sync";
const FLOOR = process.env.BENCH_SYNC_FLOOR_URL ?? "postgres://postgres@127.0.0.1:5432/crp_bench_floor";
const argN = process.argv.indexOf("--customers");
const N = Number(argN >= 0 ? process.argv[argN + 1] : (process.env.BENCH_SYNC_CUSTOMERS ?? 100_000));
const BATCH = Number(process.env.BENCH_SYNC_BATCH ?? 1_000); // the mapping's default batch

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const secs = (ms: number) => (ms / 1000).toFixed(1);

async function recreate(url: string) {
  const name = new URL(url).pathname.slice(1);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
}

function psql(url: string, command: string): number {
  const t = performance.now();
  execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command], { stdio: ["ignore", "ignore", "inherit"] });
  return performance.now() - t;
}

function psqlAsync(url: string, command: string): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command], { stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`psql exited with ${code}`))));
  });
}

async function timed<T>(fn: () => Promise<T>, profile?: string): Promise<{ value: T; ms: number; peakMiB: number; cpu: string }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const session = profile ? await startProfile() : null;
  const pgBefore = postgresCpuSeconds();
  const cpuBefore = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  const own = process.cpuUsage(cpuBefore);
  const pg = postgresCpuSeconds() - pgBefore;
  if (session) await stopProfile(session, profile!);
  clearInterval(sampler);
  const cpu = `CPU: this process ${((own.user + own.system) / 1e6).toFixed(1)} s, PostgreSQL ${pg.toFixed(1)} s, of ${((ms / 1000) * os.cpus().length).toFixed(1)} s on ${os.cpus().length} cores`;
  return { value, ms, peakMiB: Math.max(peak, process.memoryUsage().rss) / 1_048_576, cpu };
}

/**
 * The write side's floor: psql `\copy` of the very rows the sync wrote (customers, statements, answers, in the
 * columns the first-load path writes) into the same tables of a freshly migrated database, with their indexes,
 * constraints and foreign keys. Nothing is read, parsed, validated or mapped, so no sync of this data model can
 * beat it; its ratio to the plain `\copy` is the best ratio any sync could reach.
 */
async function writeFloor(handle: Awaited<ReturnType<typeof openPostgres>>, lineItems: number, syncMs: number, copyMs: number) {
  const tables: [string, string, string][] = [
    ["customers", "id, code, name, type, nature_code, industry_code, region_code, institution_id, manager_user_id, group_flag, source, source_id, source_checksum, source_record_month, source_raw_hash, source_row_count", "source = 'cms'"],
    ["financial_statements", "customer_id, period, form_code, items, scores, record_date, note, check_status, check_messages, source, source_checksum, source_access_time", "source = 'cms'"],
    ["qualitative_answers", "customer_id, period, indicator_key, answer, source", "source = 'cms'"],
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crp-bench-floor-"));
  try {
    await recreate(FLOOR);
    const floor = openPostgres(FLOOR, { max: 2 });
    await runMigrations(floor, FLOOR);
    await seedDemo(floor.db);
    // the seed makes new user ids: the customers' managers are mapped to the floor database's users by username
    const users = async (h: typeof floor) => new Map((await h.sql!<{ username: string; id: string }[]>`select username, id from users`).map((u) => [u.username, u.id]));
    const [ours, theirs] = [await users(handle), await users(floor)];
    await floor.close();
    const pairs = [...ours].filter(([u]) => theirs.has(u)).map(([u, id]) => `('${id}'::uuid, '${theirs.get(u)}'::uuid)`);
    const managerMap = `(values ${pairs.join(", ")}) as m(old, new)`;
    for (const [t, cols, where] of tables) {
      const select = t === "customers" ? cols.replace("manager_user_id", "m.new") : cols;
      const from = t === "customers" ? `customers left join ${managerMap} on m.old = manager_user_id` : t;
      psql(DST, `\\copy (select ${select} from ${from} where ${where}) to '${path.join(dir, t)}'`);
    }
    const pgBefore = postgresCpuSeconds();
    const t0 = performance.now();
    const load = ([t, cols]: [string, string, string]) => psqlAsync(FLOOR, `\\copy ${t} (${cols}) from '${path.join(dir, t)}'`);
    // the customers first (the others reference them), then statements and answers at once on two connections,
    // as the sync writes two batches at once
    const cu = await load(tables[0]);
    const [st, an] = await Promise.all([load(tables[1]), load(tables[2])]);
    const ms = performance.now() - t0;
    const pg = postgresCpuSeconds() - pgBefore;
    console.log(`sync.write_floor         psql \\copy of the ${fmt(lineItems)} line items' stored rows into our tables: ${secs(ms)} s (customers ${secs(cu)} s, then financial_statements ${secs(st)} s alongside qualitative_answers ${secs(an)} s; PostgreSQL CPU ${pg.toFixed(1)} s)`);
    console.log(`sync.write_floor.ratio   best reachable: ${((copyMs / ms) * 100).toFixed(0)}% of psql \\copy's rate with nothing read or mapped; the sync's ${secs(syncMs)} s is ${((ms / syncMs) * 100).toFixed(0)}% write floor`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const t0 = performance.now();
  await recreate(SRC);
  // generated in a child process: this process's peak RSS is then the sync's own, not the generator's leftovers
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/source-generate.ts", "--customers", String(N), "--pg", SRC], { stdio: ["ignore", "ignore", "inherit"] });
  const counter = postgres(SRC, { max: 1, onnotice: () => {} });
  const [gen] = await counter<{ customers: number; records: number; data: number }[]>`select (select count(distinct custid) from cms_customer_info)::int as customers,
    (select count(*) from cms_report_record)::int as records, (select count(*) from cms_report_data)::int as data`;
  await counter.end();
  console.log(`rss before the first run: ${(process.memoryUsage().rss / 1_048_576).toFixed(0)} MiB`);
  console.log(`setup: source ${fmt(gen.customers)} customers, ${fmt(gen.records)} report records, ${fmt(gen.data)} report data rows in ${secs(performance.now() - t0)} s`);
  await recreate(DST);
  const handle = openPostgres(DST, { max: 6 });
  await runMigrations(handle, DST);
  await seedDemo(handle.db);
  const config = parseSyncConfig({ ...DEMO_SYNC_CONFIG, batchCustomers: BATCH });
  const source = { kind: "postgres" as const, url: SRC };
  const sourceRows = gen.customers + gen.records + gen.data;

  const timings = { source: 0, plan: 0, waitWrite: 0, write: 0 };
  const first = await timed(() => runSync({ handle, config, mode: "full", trigger: "cli", source, timings }), process.env.BENCH_PROFILE);
  const c = first.value.counts;
  console.log(`sync.full                ${fmt(first.value.customers)} customers, ${fmt(gen.data)} statement line items (${fmt(sourceRows)} source rows) in ${secs(first.ms)} s`);
  console.log(`sync.full.rate           ${fmt(gen.data / (first.ms / 1000))} line items/s (${fmt(sourceRows / (first.ms / 1000))} source rows/s); written ${fmt(c.rowsInserted)} rows, rejected ${fmt(c.rowsRejected)}; status ${first.value.status}`);
  console.log(`sync.full.peak_rss       ${first.peakMiB.toFixed(0)} MiB (batch ${BATCH} customers)`);
  console.log(`sync.full.cpu            ${first.cpu}`);
  console.log(`sync.full.phases         awaiting the source ${secs(timings.source)} s, mapping ${secs(timings.plan)} s, waiting for the previous batch's write ${secs(timings.waitWrite)} s; the writes took ${secs(timings.write)} s (overlapping the reads)`);

  // psql \copy of the same statement rows into an empty table (the file is written first, untimed)
  const file = path.join(os.tmpdir(), `crp-bench-report-data-${process.pid}.tsv`);
  psql(SRC, `\\copy (select itemcode, formcode, custid, recordmonth, value, qvalue, score from cms_report_data) to '${file}'`);
  psql(DST, "drop table if exists bench_copy_report_data; create table bench_copy_report_data (itemcode text, formcode text, custid bigint, recordmonth text, value numeric(20,2), qvalue text, score numeric(10,2))");
  const copyMs = psql(DST, `\\copy bench_copy_report_data from '${file}'`);
  fs.rmSync(file, { force: true });
  psql(DST, "drop table bench_copy_report_data");
  const copyRate = gen.data / (copyMs / 1000);
  const ourRate = gen.data / (first.ms / 1000);
  console.log(`psql.copy                ${fmt(gen.data)} rows in ${secs(copyMs)} s = ${fmt(copyRate)} rows/s`);
  console.log(`sync.vs_copy             ${(ourRate / copyRate * 100).toFixed(0)}% of psql \\copy's rate (target >= 50%)`);

  await writeFloor(handle, gen.data, first.ms, copyMs);

  const again = await timed(() => runSync({ handle, config, mode: "full", trigger: "cli", source }));
  const a = again.value.counts;
  console.log(`sync.rerun.full          ${secs(again.ms)} s = ${(again.ms / first.ms * 100).toFixed(0)}% of the first run; written ${fmt(a.rowsInserted + a.rowsUpdated + a.rowsDeleted)} rows, unchanged ${fmt(a.rowsUnchanged)}; peak RSS ${again.peakMiB.toFixed(0)} MiB; ${again.cpu}`);
  const inc = await timed(() => runSync({ handle, config, mode: "incremental", trigger: "cli", source }));
  const ic = inc.value.counts;
  console.log(`sync.rerun.incremental   ${secs(inc.ms)} s = ${(inc.ms / first.ms * 100).toFixed(1)}% of the first run (target < 10%); ${fmt(inc.value.customers)} customers read, written ${fmt(ic.rowsInserted + ic.rowsUpdated + ic.rowsDeleted)} rows`);
  await handle.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
