/**
 * Batch re-rating end to end on PostgreSQL (issue 4: target >= 20,000 customers/s, peak memory reported).
 *
 *   npm run bench -- rerating                 # 100,000 corporates
 *   BENCH_RERATE_CUSTOMERS=20000 npm run bench -- rerating
 *
 * Setup (not timed): recreates the scratch database `crp_bench_rerate` (BENCH_RERATE_URL), migrates it, seeds the
 * demo data (models, institutions, users), then adds N corporate customers, each with one engine run holding a
 * distinct synthetic input snapshot (the book to re-rate).
 * Timed: one batch re-rating job through the same runner the admin area starts (`runReratingJob`): read the book
 * in pages, score every customer with the full explanation, and write each page of results with its progress in
 * one transaction. Peak RSS is sampled every 20 ms during the run.
 */
import os from "node:os";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openPostgres } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { seedDemo } from "@/db/seed";
import { insertReratingJob } from "@/server/data/rerating";
import { activeModelsByCustomerType } from "@/server/data/models";
import { countBook } from "@/server/data/model-book";
import { runReratingJob } from "@/server/jobs/rerating";
import { postgresCpuSeconds, startProfile, stopProfile } from "./cpu";
import { seededRandom, syntheticCorporate } from "@/server/domain/scoring/synthetic-inputs";

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const URL_ = process.env.BENCH_RERATE_URL ?? "postgres://postgres@127.0.0.1:5432/crp_bench_rerate";
const N = Number(process.env.BENCH_RERATE_CUSTOMERS ?? 100_000);
const PAGE = Number(process.env.BENCH_RERATE_PAGE ?? 5_000);

async function main() {
  const dbName = new URL(URL_).pathname.slice(1);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  const handle = openPostgres(URL_, { max: 4 });
  const db = handle.db;
  await runMigrations(handle, URL_);
  await seedDemo(db);
  const t0 = performance.now();
  const raw = handle.sql!;
  await raw.unsafe(`insert into customers (code, name, type, industry_code, region_code, nature_code, institution_id)
    select 'BR' || lpad(n::text, 8, '0'), '批量客户' || n, 'corporate', 'C', region_code, 'private', id
      from generate_series(1, ${N}) n, (select id, region_code from institutions where level = 1 order by id limit 1) i`);
  const corporate = (await activeModelsByCustomerType(db)).get("corporate")!;
  const random = seededRandom(7);
  const ids = (await raw.unsafe(`select id from customers where code like 'BR%' order by code`)) as unknown as { id: string }[];
  for (let i = 0; i < ids.length; i += 5_000) {
    const chunk = ids.slice(i, i + 5_000).map((c) => ({ c: c.id, i: syntheticCorporate(random) }));
    await db.execute(sql`insert into rating_results (customer_id, kind, model_version_id, model_key, model_version, inputs_snapshot, explanation, score, pd, model_grade, grade)
      select x.c, 'system', ${corporate.versionId}, ${corporate.key}, ${corporate.version}, x.i, '{}'::jsonb, 0, 0.01, 'BBB', 'BBB'
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(c uuid, i jsonb)`);
  }
  await raw.unsafe("vacuum analyze rating_results");
  await raw.unsafe("vacuum analyze customers");
  const total = await countBook(db, ["corporate"]);
  console.log(`setup: ${N.toLocaleString("en-US")} corporates with input snapshots in ${((performance.now() - t0) / 1000).toFixed(1)} s (book: ${total.toLocaleString("en-US")})`);

  // first job: the book's inputs are the engine runs' own snapshots; second job: the first job's results, read
  // through their references to those snapshots (what every later re-rating of the book reads)
  // started by an administrator, as from the admin area (each result row then names them: one more key checked per row)
  const [{ id: adminId }] = (await raw.unsafe(`select id from users where username = 'admin'`)) as unknown as { id: string }[];
  for (const label of ["first", "second"]) {
    const jobId = await insertReratingJob(db, { payload: { versionId: corporate.versionId, modelKey: corporate.key, version: corporate.version }, total, userId: adminId, now: new Date() });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const pgBefore = postgresCpuSeconds();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const timings = { read: 0, score: 0, write: 0 };
    const session = process.env.BENCH_PROFILE && label === "first" ? await startProfile() : null;
    const r = await runReratingJob(jobId, { db, pageSize: PAGE, timings });
    if (session) await stopProfile(session, process.env.BENCH_PROFILE!);
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpu = postgresCpuSeconds() - pgBefore;
    clearInterval(sampler);
    const [{ n }] = (await raw.unsafe(`select count(*)::int as n from rating_results where batch_job_id = ${jobId}`)) as unknown as { n: number }[];
    const tag = label === "first" ? "rerating.batch" : "rerating.batch.again";
    console.log(`${tag.padEnd(24)} ${r.done!.toLocaleString("en-US")} customers in ${seconds.toFixed(2)} s = ${Math.round(r.done! / seconds).toLocaleString("en-US")} customers/s (target >= 20,000), ${n.toLocaleString("en-US")} results written, page ${PAGE}${label === "second" ? " (inputs read through the first job's references)" : ""}`);
    console.log(`${(tag + ".phases").padEnd(24)} read ${(timings.read / 1000).toFixed(2)} s, score + explain ${(timings.score / 1000).toFixed(2)} s, waiting for writes ${(timings.write / 1000).toFixed(2)} s`);
    console.log(`${(tag + ".peak_rss").padEnd(24)} ${(peak / 1_048_576).toFixed(0)} MiB`);
    console.log(`${(tag + ".cpu").padEnd(24)} this process ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, PostgreSQL ${pgCpu === null ? "n/a" : pgCpu.toFixed(2) + " s"}, of ${(seconds * os.cpus().length).toFixed(2)} s available on ${os.cpus().length} cores`);
    await raw.unsafe("vacuum analyze rating_results");
  }
  await handle.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
