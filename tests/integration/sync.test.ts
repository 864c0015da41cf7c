import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { openPostgres, type DbHandle } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { generateCmsSource, writeCsvSource, writePgSource } from "@/db/seed/cms-source";
import { DEMO_SYNC_CONFIG, configHash, parseSyncConfig, planCustomer, type CustomerGroup, type PlanContext } from "@/server/domain/sync";
import { loadSyncContext, rawDb, SYNC_LOCK } from "@/server/data/sync";
import { runSync } from "@/server/jobs/sync";
import { isDomainError } from "@/server/domain/errors";
import { withDatabase } from "../setup/db-urls";
import { createTestDb } from "../setup/test-db";

let h: DbHandle;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crp-sync-"));
const config = parseSyncConfig({ ...DEMO_SYNC_CONFIG, batchCustomers: 7 });
const N = 40;
const base = () => [...generateCmsSource({ customers: N })];

const PG_BASE = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
let pgAvailable = false;
let srcUrl = "";

async function q<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return rawDb(h).query<T>(text, params);
}

/** Every stored CMS row against what the source says, item by item. */
async function compareWithSource(groups: CustomerGroup[]) {
  const ref = await loadSyncContext(rawDb(h));
  const ctx: PlanContext = { config, configHash: configHash(config), ...ref };
  const expected = { customers: new Map<string, unknown>(), statements: new Map<string, unknown>(), answers: new Map<string, string>() };
  for (const g of groups) {
    const p = planCustomer(g, ctx);
    if (!p.customer) continue;
    const c = p.customer;
    expected.customers.set(c.sourceId, [c.code, c.name, c.type, c.natureCode, c.industryCode, c.institutionId, c.managerUserId, c.groupFlag]);
    for (const s of p.statements) if (s.action === "upsert") expected.statements.set(`${c.sourceId}/${s.period}/${s.form}`, s.items);
    for (const a of p.answers) if (a.action === "upsert") for (const [k, v] of Object.entries(a.answers)) expected.answers.set(`${c.sourceId}/${a.period}/${k}`, v);
  }
  const customers = await q<{ source_id: string; code: string; name: string; type: string; nature_code: string; industry_code: string; institution_id: number; manager_user_id: string; group_flag: boolean }>(
    `select source_id, code, name, type::text, nature_code, industry_code, institution_id, manager_user_id, group_flag from customers where source = 'cms' and deleted_at is null`);
  expect(new Map(customers.map((c) => [c.source_id, [c.code, c.name, c.type, c.nature_code, c.industry_code, c.institution_id, c.manager_user_id, c.group_flag]]))).toEqual(expected.customers);
  const st = await q<{ k: string; items: Record<string, number> | string }>(
    `select c.source_id || '/' || f.period || '/' || f.form_code as k, f.items from financial_statements f join customers c on c.id = f.customer_id where f.source = 'cms' and f.withdrawn_at is null and c.deleted_at is null`);
  expect(new Map(st.map((s) => [s.k, typeof s.items === "string" ? JSON.parse(s.items) : s.items]))).toEqual(expected.statements);
  const an = await q<{ k: string; answer: string }>(`select c.source_id || '/' || a.period || '/' || a.indicator_key as k, a.answer from qualitative_answers a join customers c on c.id = a.customer_id where a.source = 'cms' and c.deleted_at is null`);
  expect(new Map(an.map((a) => [a.k, a.answer]))).toEqual(expected.answers);
  const [dups] = await q<{ n: number }>(`select count(*)::int as n from (select customer_id, period, form_code from financial_statements group by 1, 2, 3 having count(*) > 1) x`);
  expect(dups.n).toBe(0);
}

/** Everything the PostgreSQL source holds now, as the sync reads it. */
async function readPgSource(): Promise<CustomerGroup[]> {
  const { postgresSource } = await import("@/server/data/sync-source");
  const ps = postgresSource(srcUrl, config);
  const groups: CustomerGroup[] = [];
  for await (const g of ps.groups(null)) groups.push(g);
  await ps.close();
  return groups;
}

const written = (c: { rowsInserted: number; rowsUpdated: number; rowsDeleted: number }) => c.rowsInserted + c.rowsUpdated + c.rowsDeleted;

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  await writeCsvSource(path.join(tmp, "base"), base());
  try {
    const admin = postgres(PG_BASE, { max: 1, onnotice: () => {}, connect_timeout: 3 });
    const name = `crp_src_${process.pid}_${Date.now()}`;
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    srcUrl = withDatabase(PG_BASE, name);
    pgAvailable = true;
  } catch {
    pgAvailable = false;
  }
});

afterAll(async () => {
  await h?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  if (pgAvailable) {
    const admin = postgres(PG_BASE, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${new URL(srcUrl).pathname.slice(1)}" with (force)`);
    await admin.end();
  }
});

describe("customer-system sync", () => {
  it("CSV source: a full run loads every customer exactly; the second run writes 0 rows", async () => {
    const first = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: { kind: "csv", dir: path.join(tmp, "base") } });
    expect(first.status).toBe("succeeded");
    expect(first.customers).toBe(N);
    expect(first.counts.rowsRejected).toBe(0);
    expect(first.counts.rowsInserted).toBeGreaterThan(N * 10);
    await compareWithSource(base());
    const [run] = await q<{ status: string; rows_read: number; rows_inserted: number; finished_at: Date | null; watermark_to: string }>(`select status::text, rows_read::int, rows_inserted::int, finished_at, watermark_to from sync_runs where id = $1`, [first.runId]);
    expect(run).toMatchObject({ status: "succeeded", rows_inserted: first.counts.rowsInserted });
    expect(run.rows_read).toBe(base().reduce((s, g) => s + g.infos.length + g.records.length + g.data.length, 0));
    expect(JSON.parse(run.watermark_to).accessTime).toMatch(/^2026-/);

    const second = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: { kind: "csv", dir: path.join(tmp, "base") } });
    expect(written(second.counts)).toBe(0);
    expect(second.counts.rowsUnchanged).toBe(first.counts.rowsInserted);
    const incr = await runSync({ handle: h, config, mode: "incremental", trigger: "cli", source: { kind: "csv", dir: path.join(tmp, "base") } });
    expect(written(incr.counts)).toBe(0);
  });

  it("PostgreSQL source: the same content gives the same data (0 rows written), then changes, DELFLG and deletions apply", async (t) => {
    if (!pgAvailable) t.skip();
    await writePgSource(srcUrl, base());
    const src = { kind: "postgres" as const, url: srcUrl };
    const same = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: src });
    expect(same.status).toBe("succeeded");
    expect(written(same.counts)).toBe(0);

    const ratingsBefore = await q<{ n: number }>(`select (select count(*) from ratings) + (select count(*) from rating_results) as n`);
    const s = postgres(srcUrl, { max: 1, onnotice: () => {} });
    const [victim] = await s<{ custid: string }[]>`select custid::text from cms_customer_info where ctype = '01' order by custid limit 1 offset 2`;
    const [changed] = await s<{ custid: string }[]>`select custid::text from cms_customer_info where ctype = '01' order by custid limit 1 offset 3`;
    const [gone] = await s<{ custid: string }[]>`select custid::text from cms_customer_info order by custid desc limit 1`;
    await s`update cms_report_record set delflg = '1', accesstime = '2026-11-30 08:00:00' where custid = ${victim.custid} and recordmonth = '2023-12' and formcode = 'LRB'`;
    await s`update cms_report_data set value = value + 1 where custid = ${changed.custid} and recordmonth = '2025-12' and itemcode = 'LR01'`;
    await s`update cms_report_record set accesstime = '2026-11-30 09:00:00' where custid = ${changed.custid} and recordmonth = '2025-12' and formcode = 'LRB'`;
    await s`delete from cms_report_data where custid = ${gone.custid}`;
    await s`delete from cms_report_record where custid = ${gone.custid}`;
    await s`delete from cms_customer_info where custid = ${gone.custid}`;
    const now = await s<CustomerGroup[]>`select 1`; void now;
    await s.end();

    const incr = await runSync({ handle: h, config, mode: "incremental", trigger: "cli", source: src });
    expect(incr.status).toBe("succeeded");
    // only the customers accessed at or after the watermark: the two changed ones (and the one at the inclusive bound)
    expect(incr.customers).toBeGreaterThanOrEqual(2);
    expect(incr.customers).toBeLessThanOrEqual(3);
    expect(incr.counts.rowsUpdated).toBe(3); // the changed income statement, and both customers' checksums
    expect(incr.counts.rowsDeleted).toBe(1); // the withdrawn statement
    const [w] = await q<{ withdrawn_at: Date | null; items: unknown }>(`select f.withdrawn_at, f.items from financial_statements f join customers c on c.id = f.customer_id where c.source_id = $1 and f.period = '2023-12' and f.form_code = 'IS'`, [victim.custid]);
    expect(w.withdrawn_at).not.toBeNull(); // withdrawn, kept
    const full = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: src });
    expect(full.counts.rowsDeleted).toBe(1);
    const [del] = await q<{ deleted_at: Date | null }>(`select deleted_at from customers where source = 'cms' and source_id = $1`, [gone.custid]);
    expect(del.deleted_at).not.toBeNull();
    expect(await q<{ n: number }>(`select (select count(*) from ratings) + (select count(*) from rating_results) as n`)).toEqual(ratingsBefore);
    // our data equals the source again, row by row
    const fromPg = await readPgSource();
    await compareWithSource(fromPg);
    // and the customer comes back if the source delivers it again
    await writePgSource(srcUrl, base());
    const back = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: src });
    expect(back.status).toBe("succeeded");
    await compareWithSource(base());
  });

  it("PostgreSQL source, unchanged full re-run: customers are skipped by their source hash; a change, a reference-data change re-read", async (t) => {
    if (!pgAvailable) t.skip();
    await writePgSource(srcUrl, base());
    const src = { kind: "postgres" as const, url: srcUrl };
    const ledger = async (id: number) => (await q<{ rows_read: number; rows_unchanged: number; progress: { skipped?: number } }>(`select rows_read::int, rows_unchanged::int, progress from sync_runs where id = $1`, [id]))[0];
    const first = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: src });
    expect(first.status).toBe("succeeded");
    const [{ hashed }] = await q<{ hashed: number }>(`select count(*)::int as hashed from customers where source = 'cms' and deleted_at is null and source_raw_hash is not null`);
    expect(hashed).toBe(N);

    const again = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: src });
    expect(again.status).toBe("succeeded");
    expect(written(again.counts)).toBe(0);
    expect(again.counts.rowsRead).toBe(0); // nothing read: every customer skipped by its hash
    expect(again.customers).toBe(N);
    const [{ ours }] = await q<{ ours: number }>(`select ((select count(*) from customers where source = 'cms' and deleted_at is null)
      + (select count(*) from financial_statements f join customers c on c.id = f.customer_id where f.source = 'cms' and f.withdrawn_at is null and c.deleted_at is null)
      + (select count(*) from qualitative_answers a join customers c on c.id = a.customer_id where a.source = 'cms' and c.deleted_at is null))::int as ours`);
    expect(again.counts.rowsUnchanged).toBe(ours);
    expect(await ledger(again.runId)).toMatchObject({ rows_read: 0, rows_unchanged: ours, progress: { skipped: N } });

    // one value of one customer changes: only that customer is read, and written
    const s = postgres(srcUrl, { max: 1, onnotice: () => {} });
    const [changed] = await s<{ custid: string; n: number }[]>`select i.custid::text, ((select count(*) from cms_customer_info where custid = i.custid) + (select count(*) from cms_report_record where custid = i.custid)
      + (select count(*) from cms_report_data where custid = i.custid))::int as n from cms_customer_info i where ctype = '01' order by custid limit 1 offset 5`;
    await s`update cms_report_data set value = value + 7 where custid = ${changed.custid} and recordmonth = '2025-12' and itemcode = 'LR01'`;
    await s.end();
    const one = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: src });
    expect(one.counts.rowsRead).toBe(changed.n);
    expect(one.counts.rowsUpdated).toBeGreaterThanOrEqual(1);
    expect(one.counts.rowsDeleted).toBe(0); // the skipped customers are seen, not deleted
    const fromPg = await readPgSource();
    await compareWithSource(fromPg);

    // reference data the mapping depends on changes (a new industry code): every customer is read again
    await q(`insert into code_lists (list_type, code, name_zh, name_en) values ('industry', 'ZZ9', '测试行业', 'Test industry')`);
    try {
      const all = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: src });
      expect(all.counts.rowsRead).toBe(fromPg.reduce((k, g) => k + g.infos.length + g.records.length + g.data.length, 0));
      expect(written(all.counts)).toBe(0);
    } finally {
      await q(`delete from code_lists where list_type = 'industry' and code = 'ZZ9'`);
    }
  });

  it("bad rows go to the run report with key, field and reason; the rest of the run goes on", async () => {
    const groups = base().map((g, i) => {
      if (i === 1) return { ...g, infos: [{ ...g.infos[0], ORGCODE: "9999" }] };
      if (i === 4) return { ...g, data: g.data.map((d, j) => (j === 5 ? { ...d, VALUE: "abc" } : d)) };
      return g;
    });
    groups.push({ custId: "999999", infos: [], records: [], data: [{ ITEMCODE: "LR01", FORMCODE: "LRB", CUSTID: "999999", RECORDMONTH: "2025-12", VALUE: "1", QVALUE: null, SCORE: null }] });
    await writeCsvSource(path.join(tmp, "bad"), groups);
    const out = await runSync({ handle: h, config, mode: "full", trigger: "admin", source: { kind: "csv", dir: path.join(tmp, "bad") } });
    expect(out.status).toBe("succeeded");
    const [run] = await q<{ report: unknown; rows_rejected: number }>(`select report, rows_rejected::int from sync_runs where id = $1`, [out.runId]);
    const report = (typeof run.report === "string" ? JSON.parse(run.report) : run.report) as { key: string; field: string; reason: string }[];
    const bad4 = groups[4].data[5];
    expect(report).toEqual(expect.arrayContaining([
      expect.objectContaining({ key: groups[1].custId, field: "ORGCODE", reason: "sync.err.institution" }),
      expect.objectContaining({ key: `${bad4.CUSTID}/${bad4.RECORDMONTH}/${bad4.FORMCODE}/${bad4.ITEMCODE}`, field: "VALUE", reason: "sync.err.number" }),
      expect.objectContaining({ key: "999999", field: "CUSTID", reason: "sync.err.unknownCustomer" }),
    ]));
    expect(run.rows_rejected).toBeGreaterThan(3);
    // the statement with the bad row keeps its stored version; nothing else of that customer was lost
    const [kept] = await q<{ n: number }>(`select count(*)::int as n from financial_statements f join customers c on c.id = f.customer_id where c.source_id = $1 and f.withdrawn_at is null`, [groups[4].custId]);
    expect(kept.n).toBe(9);
    // a rerun over the same source reports the same rows and writes nothing
    const again = await runSync({ handle: h, config, mode: "full", trigger: "admin", source: { kind: "csv", dir: path.join(tmp, "bad") } });
    expect(written(again.counts)).toBe(0);
    expect(again.counts.rowsRejected).toBe(out.counts.rowsRejected);
    // back to the good source
    await runSync({ handle: h, config, mode: "full", trigger: "cli", source: { kind: "csv", dir: path.join(tmp, "base") } });
    await compareWithSource(base());
  });

  it("a CUSTCODE someone else holds is refused and reported: a manual customer, one earlier in the batch, one in a batch written at the same time", async () => {
    const [manual] = await q<{ code: string }>(`select code from customers where source <> 'cms' order by code limit 1`);
    // new customers (the first-load path), after the base ones in CUSTID order; batches of 7: 0-6, 7-13, 14-20, ...
    const fresh = [...generateCmsSource({ customers: 30, seed: "codes", firstId: 880_001 })];
    const setCode = (i: number, code: string) => (fresh[i] = { ...fresh[i], infos: fresh[i].infos.map((r) => ({ ...r, CUSTCODE: code })) });
    setCode(0, manual.code);
    setCode(3, fresh[2].infos[0].CUSTCODE!);
    setCode(16, fresh[9].infos[0].CUSTCODE!); // batches 2 and 3: on PostgreSQL both may be in flight at once
    const dir = path.join(tmp, "codes");
    await writeCsvSource(dir, [...base(), ...fresh]);
    const out = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: { kind: "csv", dir } });
    expect(out.status).toBe("succeeded");
    const [run] = await q<{ report: unknown }>(`select report from sync_runs where id = $1`, [out.runId]);
    const report = (typeof run.report === "string" ? JSON.parse(run.report) : run.report) as { key: string; field: string; reason: string; value: string }[];
    const taken = report.filter((r) => r.reason === "sync.err.codeTaken");
    const refusedIds = taken.map((r) => r.key).sort();
    // of customers 9 and 16, exactly one holds the code (the one whose batch committed first) and the other is refused
    const loser = refusedIds.find((id) => id === fresh[9].custId || id === fresh[16].custId);
    expect(refusedIds).toEqual([fresh[0].custId, fresh[3].custId, loser].sort());
    expect(taken.every((r) => r.field === "CUSTCODE")).toBe(true);
    const stored = new Map((await q<{ source_id: string; code: string }>(`select source_id, code from customers where source = 'cms' and source_id like '88%'`)).map((r) => [r.source_id, r.code]));
    expect(stored.size).toBe(27);
    for (const g of fresh) if (!refusedIds.includes(g.custId)) expect(stored.get(g.custId)).toBe(g.infos[0].CUSTCODE);
    const [holder] = await q<{ source: string }>(`select source::text from customers where code = $1`, [manual.code]);
    expect(holder.source).not.toBe("cms");
    // nothing of a refused customer was written, and a rerun refuses the same ones and writes nothing
    const [orphans] = await q<{ n: number }>(`select count(*)::int as n from financial_statements f join customers c on c.id = f.customer_id where c.source_id = any($1::text[])`, [`{${refusedIds.join(",")}}`]);
    expect(orphans.n).toBe(0);
    const again = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: { kind: "csv", dir } });
    expect(written(again.counts)).toBe(0);
    const [run2] = await q<{ report: unknown }>(`select report from sync_runs where id = $1`, [again.runId]);
    const report2 = (typeof run2.report === "string" ? JSON.parse(run2.report) : run2.report) as { key: string; reason: string }[];
    expect(report2.filter((r) => r.reason === "sync.err.codeTaken").map((r) => r.key).sort()).toEqual(refusedIds);
    // back to the base source: the fresh customers are marked deleted (their ratings would stay), the base is exact
    await runSync({ handle: h, config, mode: "full", trigger: "cli", source: { kind: "csv", dir: path.join(tmp, "base") } });
    await compareWithSource(base());
  });

  it("two concurrent triggers give one run; the other is refused with BUSY", async () => {
    const [runsBefore] = await q<{ n: number }>(`select count(*)::int as n from sync_runs`);
    const src = { kind: "csv" as const, dir: path.join(tmp, "base") };
    const results = await Promise.allSettled([
      runSync({ handle: h, config, mode: "full", trigger: "admin", source: src }),
      runSync({ handle: h, config, mode: "full", trigger: "cron", source: src }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(isDomainError(refused.reason) && refused.reason.code).toBe("BUSY");
    const [runsAfter] = await q<{ n: number }>(`select count(*)::int as n from sync_runs`);
    expect(runsAfter.n).toBe(runsBefore.n + 1);
    if (h.kind === "postgres") {
      // another app instance holding the lock (a separate session) refuses this one too
      const other = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      const conn = await other.reserve();
      await conn`select pg_advisory_lock(${SYNC_LOCK})`;
      await expect(runSync({ handle: h, config, mode: "full", trigger: "cron", source: src })).rejects.toMatchObject({ code: "BUSY" });
      await conn`select pg_advisory_unlock(${SYNC_LOCK})`;
      conn.release();
      await other.end();
    }
  });

  it("crash in the middle of a run (kill -9 on PostgreSQL; a throw inside a batch transaction on PGlite), rerun: the data equals the source", async () => {
    const big = [...generateCmsSource({ customers: 60, seed: "kill" })];
    const dir = path.join(tmp, "kill");
    await writeCsvSource(dir, big);
    if (h.kind === "postgres") {
      const child = spawn("npx", ["tsx", "--conditions=react-server", path.join("tests", "integration", "helpers", "sync-child.ts"), process.env.TEST_DATABASE_URL!, dir], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env }, detached: true });
      let out = "";
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child never reached batch 3: ${out}`)), 90_000);
        child.stdout.on("data", (d) => {
          out += d;
          if (/batch 3\b/.test(out)) {
            clearTimeout(timer);
            process.kill(-child.pid!, "SIGKILL"); // the whole process group: npx, tsx and the node running the sync
            resolve();
          }
        });
        child.stderr.on("data", (d) => (out += d));
      });
      await new Promise((r) => child.once("exit", r));
      expect(out).not.toContain("done");
      // the server notices the dead connection and frees the advisory lock
      const probe = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      for (let i = 0; i < 50; i++) {
        const [{ free }] = await probe<{ free: boolean }[]>`select not exists (select 1 from pg_locks where locktype = 'advisory' and objid = ${SYNC_LOCK}) as free`;
        if (free) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await probe.end();
    } else {
      // PGlite is one process (no second process may open its files), so the crash is simulated inside the
      // fourth batch's transaction, after all its writes and before COMMIT
      const crashed = await runSync({ handle: h, config: parseSyncConfig({ ...config, batchCustomers: 5 }), mode: "full", trigger: "cli", source: { kind: "csv", dir },
        beforeCommit: (b) => { if (b === 4) throw new Error("simulated crash"); } });
      expect(crashed.status).toBe("failed");
      expect(crashed.customers).toBe(15);
    }
    // partially loaded: every customer the crashed run committed is whole (all its statements), the rest untouched
    const ctx: PlanContext = { config, configHash: configHash(config), ...(await loadSyncContext(rawDb(h))) };
    const plans = new Map(big.map((g) => [g.custId, planCustomer(g, ctx)]));
    const stored = await q<{ source_id: string; source_checksum: string; n: number }>(
      `select c.source_id, c.source_checksum, count(f.id) filter (where f.withdrawn_at is null)::int as n from customers c left join financial_statements f on f.customer_id = c.id where c.source = 'cms' group by 1, 2`);
    const committed = stored.filter((r) => plans.get(r.source_id)?.checksum === r.source_checksum);
    expect(committed.length).toBeGreaterThan(0);
    expect(committed.length).toBeLessThan(big.length);
    for (const r of committed) expect(r.n).toBe(plans.get(r.source_id)!.statements.filter((x) => x.action === "upsert").length);
    const again = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: { kind: "csv", dir } });
    expect(again.status).toBe("succeeded");
    await compareWithSource(big);
    const [killed] = await q<{ status: string; error: string }>(`select status::text, error from sync_runs where id = $1`, [again.runId - 1]);
    expect(killed).toEqual({ status: "failed", error: h.kind === "postgres" ? "sync.err.interrupted" : "sync.err.failed" });
    const rerun = await runSync({ handle: h, config, mode: "full", trigger: "cli", source: { kind: "csv", dir } });
    expect(written(rerun.counts)).toBe(0);
  }, 180_000);
});

void openPostgres;
void inject;
