/**
 * Statistics speed on the `npm run bench:load` data set (BENCH_DATABASE_URL, default crp_bench): each query
 * measured through the service layer (scope resolution, drizzle SQL, labelling) as p95 of BENCH_ITER runs,
 * beside the same SQL statements run by psql (`\timing`, same number of runs), with the ratio. Then exports
 * of 100,000 and 1,000,000 rating rows through the streaming exporter (time and peak RSS). Never asserts.
 * Targets (issue 8): statistics p95 <= 150 ms, migration matrix <= 300 ms, 100k export <= 10 s and < 300 MB.
 */
import { execFileSync } from "node:child_process";
import { Writable } from "node:stream";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import { openPostgres, type Queryable } from "@/db/client";
import type { CurrentUser } from "@/server/auth/session";
import type { StatsFilter } from "@/server/domain/statistics/filters";
import * as stats from "@/server/services/statistics/statistics";
import * as live from "@/server/data/statistics";
import { refreshDirty } from "@/server/data/stats-rollup";
import { runMigrations } from "@/db/migrate";
import { exportStatistics, type ExportRequest } from "@/server/services/statistics/export-statistics";

const URL_ = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/crp_bench";
const ITER = Number(process.env.BENCH_ITER ?? 20);
const SKIP_1M = process.env.BENCH_SKIP_1M === "1";

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

const dialect = new PgDialect();
function literal(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number") return String(v);
  return `'${String(v).replace(/'/g, "''")}'`;
}
function inline(q: SQL): string {
  const { sql, params } = dialect.sqlToQuery(q);
  // a transaction-local setting becomes a session one: psql runs each statement in its own transaction
  return sql.replace(/\$(\d+)/g, (_, i) => literal(params[Number(i) - 1])).replace(/set_config\(('[^']*'), ('[^']*'), true\)/g, "set_config($1, $2, false)");
}

/** psql: runs the statements ITER times with \timing; p95 of the per-run sum of statement times. */
function psqlP95(statements: string[]): number {
  const script = ["\\timing on", ...Array.from({ length: ITER }, () => statements.map((s) => `${s};`).join("\n"))].join("\n");
  const out = execFileSync("psql", [URL_, "-X", "-q", "-o", "/dev/null"], { input: script, encoding: "utf8", maxBuffer: 1 << 26 });
  const times = [...out.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
  const perRun: number[] = [];
  for (let i = 0; i < ITER; i++) perRun.push(times.slice(i * statements.length, (i + 1) * statements.length).reduce((s, v) => s + v, 0));
  return p95(perRun);
}

async function main() {
  const handle = openPostgres(URL_, { max: 4 });
  const db = handle.db;
  const [u] = await handle.sql!`select id::text as id from users order by username limit 1`;
  const [br] = await handle.sql!`select id, path from institutions where level = 1 order by id limit 1`;
  const actor = (path: string, id: number): CurrentUser => ({ id: u.id, username: "bench", displayName: "bench", role: "analyst", isApplicant: false, locale: "zh", institutionId: id, institutionPath: path, institutionCode: null, institutionName: null });
  const head = actor("/1/", 1);
  const branch = actor(br.path, br.id);
  const year: StatsFilter = { from: "2025-01-01", to: "2025-12-31" };
  const smeYear: StatsFilter = { ...year, customerType: "sme" };
  // not a preset period: answered live (each customer once, at its latest rating in the range)
  const custom: StatsFilter = { from: "2025-02-01", to: "2025-11-30" };

  // captures the SQL each service call sends, to replay it through psql
  // (inside the transactions of the live path too, whose plan settings psql then applies for the session)
  let captured: SQL[] = [];
  const capture = (q: Queryable): Queryable => new Proxy(q, { get(target, prop, recv) {
    if (prop === "execute") return (s: SQL) => { captured.push(s); return target.execute(s); };
    if (prop === "transaction") {
      return (fn: (tx: Queryable) => Promise<unknown>, config?: unknown) => (target.transaction as (f: typeof fn, c?: unknown) => Promise<unknown>)((tx) => fn(capture(tx)), config);
    }
    return Reflect.get(target, prop, recv);
  } }) as Queryable;
  const capturing = capture(db);

  // the pre-aggregates: apply the migration that adds them (a crp_bench made before it), then build what is dirty
  await runMigrations(handle, URL_);
  const today = new Date().toISOString().slice(0, 10);
  let t0 = performance.now();
  const built = await refreshDirty(db, today);
  console.log(`pre-aggregates: refresh of ${built.periods.length} dirty periods and ${built.migrationPairs} migration pairs: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // the incremental cost: one new rating today makes its quarter, its year, all time and the pairs ending after it dirty
  const [one] = await handle.sql!`select id, customer_id, institution_id, institution_path from ratings order by id limit 1`;
  await handle.sql!`insert into ratings (customer_id, origin, status, customer_type, institution_id, institution_path, grade, rated_on, effective_on, expires_on)
    values (${one.customer_id}, 'history', 'effective', 'sme', ${one.institution_id}, ${one.institution_path}, 'A', ${today}, ${today}, ${today}::date + 365) returning id`;
  t0 = performance.now();
  const inc = await refreshDirty(db, today);
  console.log(`pre-aggregates: refresh after one new rating (${inc.periods.join(", ")}; ${inc.migrationPairs} pairs): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await handle.sql!`delete from ratings where origin = 'history' and rated_on = ${today} and customer_id = ${one.customer_id}`;
  await refreshDirty(db, today);
  const [{ rows: rollupRows }] = await handle.sql!`select count(*)::int as rows from stats_rollup`;
  const [{ rows: migRows }] = await handle.sql!`select count(*)::int as rows from stats_migration_rollup`;
  console.log(`pre-aggregates: ${rollupRows.toLocaleString()} + ${migRows.toLocaleString()} migration rows\n`);

  const scopeOf = (who: CurrentUser, f: StatsFilter) => stats.resolveScope(db, who, f);
  type Case = { name: string; target: number; run: (d: Queryable) => Promise<unknown>; live?: (d: Queryable) => Promise<unknown> };
  const cases: Case[] = [
    ...(["grade", "region", "industry", "nature", "institution"] as const).map((dim): Case => ({
      name: `counts by ${dim} (head office, 2025)`, target: 150, run: (d) => stats.countsFor(head, year, dim, d),
      live: async (d) => { const f = await scopeOf(head, year); return Promise.all([live.countByDimension(d, f, dim), live.countCustomers(d, f)]); },
    })),
    { name: "counts by grade (branch, 2025, SME)", target: 150, run: (d) => stats.countsFor(branch, smeYear, "grade", d),
      live: async (d) => { const f = await scopeOf(branch, smeYear); return Promise.all([live.countByDimension(d, f, "grade"), live.countCustomers(d, f)]); } },
    ...(["grade", "region", "institution"] as const).map((dim): Case => ({ name: `counts by ${dim} (head office, custom range)`, target: 150, run: (d) => stats.countsFor(head, custom, dim, d) })),
    { name: "counts by grade (branch, custom range, SME)", target: 150, run: (d) => stats.countsFor(branch, { ...custom, customerType: "sme" }, "grade", d) },
    { name: "grade per quarter (head office, custom range)", target: 150, run: (d) => stats.quarterly(head, custom, d) },
    { name: "override by notches (head office, custom)", target: 150, run: (d) => stats.overrides(head, custom, "notches", d) },
    { name: "grade per quarter (head office, all)", target: 150, run: (d) => stats.quarterly(head, {}, d), live: async (d) => live.gradeByQuarter(d, await scopeOf(head, {})) },
    { name: "override by notches (head office, 2025)", target: 150, run: (d) => stats.overrides(head, year, "notches", d), live: async (d) => live.overrides(d, await scopeOf(head, year), "notches") },
    { name: "override by rater (head office, 2025)", target: 150, run: (d) => stats.overrides(head, year, "rater", d), live: async (d) => live.overrides(d, await scopeOf(head, year), "rater") },
    { name: "pipeline (head office)", target: 150, run: (d) => stats.pipeline(head, {}, d) },
    { name: "drill-down page 1 (grade A, 2025)", target: 150, run: (d) => stats.listRatings(head, { filter: year, dimension: "grade", value: "A", sort: "ratedOn", dir: "desc", page: 1, pageSize: 25 }, d) },
    { name: "migration matrix (head office)", target: 300, run: (d) => stats.migration(head, {}, "2024-12-31", "2025-12-31", d), live: async (d) => live.migrationCells(d, await scopeOf(head, {}), "2024-12-31", "2025-12-31") },
    { name: "migration matrix (branch)", target: 300, run: (d) => stats.migration(branch, {}, "2024-12-31", "2025-12-31", d), live: async (d) => live.migrationCells(d, await scopeOf(branch, {}), "2024-12-31", "2025-12-31") },
    { name: "migration matrix (head office, any dates)", target: 300, run: (d) => stats.migration(head, {}, "2025-03-15", "2025-09-15", d) },
    { name: "migration matrix (head office, any, 1 year)", target: 300, run: (d) => stats.migration(head, {}, "2024-12-15", "2025-12-15", d) },
    { name: "migration matrix (branch, any dates)", target: 300, run: (d) => stats.migration(branch, {}, "2025-03-15", "2025-09-15", d) },
  ];

  console.log(`crp_bench: ${(await handle.sql!`select count(*)::int as n from ratings`)[0].n.toLocaleString()} ratings, ${ITER} runs each\n`);
  console.log("server p95: through the service layer; psql p95: the same statements in psql; live psql: the statements of the live");
  console.log("(not pre-aggregated) path for the same figure, in psql; first: the first (warm-up) call, with the cache as the previous query left it\n");
  console.log(`${"query".padEnd(44)} ${"server p95".padStart(11)} ${"psql p95".padStart(9)} ${"ratio".padStart(6)} ${"first".padStart(9)} ${"live psql".padStart(10)} ${"target".padStart(7)}  ok`);
  const only = process.env.BENCH_CASES ? new RegExp(process.env.BENCH_CASES) : null;
  for (const c of cases.filter((x) => !only || only.test(x.name))) {
    captured = [];
    const w0 = performance.now();
    await c.run(capturing); // warm-up, and the SQL for psql
    const first = performance.now() - w0;
    const statements = captured.map(inline);
    const times: number[] = [];
    for (let i = 0; i < ITER; i++) {
      const t0 = performance.now();
      await c.run(db);
      times.push(performance.now() - t0);
    }
    const ours = p95(times);
    const plain = psqlP95(statements);
    let liveMs = "—";
    if (c.live) {
      captured = [];
      await c.live(capturing);
      liveMs = `${psqlP95(captured.map(inline)).toFixed(0)} ms`;
    }
    console.log(`${c.name.padEnd(44)} ${ours.toFixed(1).padStart(8)} ms ${plain.toFixed(1).padStart(6)} ms ${(ours / plain).toFixed(2).padStart(6)} ${first.toFixed(0).padStart(6)} ms ${liveMs.padStart(10)} ${String(c.target).padStart(4)} ms  ${ours <= c.target ? "yes" : "NO"}`);
  }

  const exportCase = async (name: string, who: CurrentUser, filter: StatsFilter, req: ExportRequest) => {
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
    const t0 = performance.now();
    const { stream, done } = await exportStatistics(who, req, filter, "zh", { db, sql: handle.sql });
    let bytes = 0;
    await stream.pipeTo(Writable.toWeb(new Writable({ write(chunk, _e, cb) { bytes += chunk.length; cb(); } })) as WritableStream<Uint8Array>);
    const rows = await done;
    const secs = (performance.now() - t0) / 1000;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    captured = [];
    const { drillWhere } = await import("@/server/data/statistics");
    const scoped = await stats.resolveScope(db, who, filter);
    const where = inline(drillWhere(scoped, undefined, undefined));
    const out = execFileSync("psql", [URL_, "-X", "-q"], { input: `\\timing on\n\\copy (select r.id, c.code, c.name, r.customer_type, i.name_zh, r.industry_code, r.region_code, r.model_key, r.system_grade, r.grade, r.pd, r.rated_on, r.status from ratings r join customers c on c.id = r.customer_id join institutions i on i.id = r.institution_id where ${where} order by r.id) to '/dev/null'\n`, encoding: "utf8" });
    const psqlMs = Number(/Time: ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
    console.log(`${name.padEnd(42)} ${rows.toLocaleString().padStart(9)} rows ${secs.toFixed(1).padStart(6)} s  peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB  ${(bytes / 2 ** 20).toFixed(1)} MiB file  psql \\copy ${(psqlMs / 1000).toFixed(2)} s  ratio ${(secs / (psqlMs / 1000)).toFixed(1)}`);
  };
  console.log("");
  if (only) { await handle.close(); return; } // BENCH_CASES picks statistics only
  await exportCase("export ratings (one branch, 2 years)", branch, {}, { kind: "ratings" });
  if (!SKIP_1M) await exportCase("export ratings (head office, all)", head, {}, { kind: "ratings" });
  await handle.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
