/**
 * `npm run bench:load`: (re)creates the scratch database `crp_bench` (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/crp_bench), migrates it, and generates with set-based SQL
 * (generate_series, in the server, no row crosses the wire):
 *   - an institution tree: head office, 10 branches, 5 sub-branches each;
 *   - 200 raters (users), 1,000,000 customers spread over the sub-branches, types, regions, industries;
 *   - 1,000,000 ratings: two cycles (2024 and 2025) for 500,000 customers, grades drifting by a notch or two,
 *     one in ten finals differing from the system grade.
 * Sizes: BENCH_CUSTOMERS, BENCH_RATINGS. Then VACUUM ANALYZE (visibility map for index-only scans). Prints the time of each step.
 */
import postgres from "postgres";
import { openPostgres } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { GRADES } from "@/server/domain/statistics/filters";

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const BENCH_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/crp_bench";
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const RATINGS = Number(process.env.BENCH_RATINGS ?? 1_000_000);

async function step(name: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  console.log(`${name.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function main() {
  const dbName = new URL(BENCH_URL).pathname.slice(1);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await step(`recreate database ${dbName}`, async () => {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.unsafe(`create database "${dbName}"`);
  });
  await admin.end();
  const handle = openPostgres(BENCH_URL, { max: 2 });
  await step("migrate", () => runMigrations(handle, BENCH_URL));
  const sql = handle.sql!;
  const grades = `(array[${GRADES.slice(0, -1).map((g) => `'${g}'`).join(",")}])`;
  await step("institutions (1 + 10 + 50)", async () => {
    await sql.unsafe(`insert into institutions (id, code, name_zh, name_en, parent_id, level, path, region_code) overriding system value
      values (1, 'HO', '总行', 'Head office', null, 0, '/1/', '110000')`);
    await sql.unsafe(`insert into institutions (id, code, name_zh, name_en, parent_id, level, path, region_code) overriding system value
      select 1 + b, 'BR' || b, '分行' || b, 'Branch ' || b, 1, 1, '/1/' || (1 + b) || '/', (110000 + b * 10000)::text from generate_series(1, 10) b`);
    await sql.unsafe(`insert into institutions (id, code, name_zh, name_en, parent_id, level, path, region_code) overriding system value
      select 100 + (b - 1) * 5 + s, 'SB' || b || '-' || s, '支行' || b || '-' || s, 'Sub-branch ' || b || '-' || s, 1 + b, 2,
        '/1/' || (1 + b) || '/' || (100 + (b - 1) * 5 + s) || '/', (110000 + b * 10000 + s * 100)::text
      from generate_series(1, 10) b, generate_series(1, 5) s`);
    await sql.unsafe(`select setval(pg_get_serial_sequence('institutions', 'id'), 1000)`);
  });
  await step("users (200 raters)", () => sql.unsafe(`insert into users (username, email, display_name, password_hash, role, institution_id)
      select 'rater' || u, 'rater' || u || '@bench.local', '评级员' || u, 'x', 'rater', 100 + (u % 50) + 1 from generate_series(0, 199) u`));
  await step(`customers (${CUSTOMERS.toLocaleString()})`, () => sql.unsafe(`insert into customers (code, name, type, industry_code, region_code, nature_code, institution_id)
      select 'C' || lpad(n::text, 8, '0'), '客户' || n,
        (array['corporate','sme','public_institution','individual'])[1 + n % 4]::customer_type,
        (array['A','B','C','D','E','F','G','H','I','J','K','L','M','N','O','P','Q','R','S','T'])[1 + (n / 7) % 20],
        (110000 + (1 + n % 10) * 10000 + (1 + (n / 10) % 5) * 100)::text,
        (array['soe','private','foreign','collective','other'])[1 + (n / 3) % 5],
        100 + (n % 50) + 1
      from generate_series(1, ${CUSTOMERS}) n`));
  // two cycles per rated customer: cycle 1 in 2024, cycle 2 in 2025 (one notch up or down for some). The history
  // arrives with its neighbour columns (migration 0007); the trigger recomputes them, finds them right and writes
  // nothing, so the table and its indexes are as compact as after a restore (not half rewritten by the trigger).
  const rated = Math.floor(RATINGS / 2);
  await step(`ratings (${(rated * 2).toLocaleString()})`, () => sql.unsafe(`
    with c as (
      select id, type, industry_code, region_code, nature_code, institution_id, row_number() over (order by code) as n
      from customers order by code limit ${rated}
    ), g as (
      select c.*, i.path, 1 + (hashtext(c.id::text) & 1023) % 9 as g1 from c join institutions i on i.id = c.institution_id
    ), cyc as (
      select g.*, k,
        greatest(1, least(9, g1 + case when k = 1 then 0 when n % 5 = 0 then 1 when n % 7 = 0 then -1 when n % 11 = 0 then 2 else 0 end)) as gs,
        date '2024-01-01' + ((n * 37) % 360)::int + (k - 1) * 365 as rated_on
      from g, generate_series(1, 2) k
    )
    insert into ratings (customer_id, origin, status, customer_type, institution_id, institution_path, industry_code, region_code, nature_code,
      model_key, system_grade, grade, pd, score, rater_user_id, rated_on, effective_on, expires_on, superseded_on, prior_grade, prior_rated_on)
    select f.*, lead(f.rated_on) over w, lag(f.grade) over w, lag(f.rated_on) over w from (select id, 'history'::rating_origin, case when k = 2 then 'effective' else 'superseded' end::rating_status, type::text, institution_id, path, industry_code, region_code, nature_code,
      (array['corporate-pd','sme-scorecard','public-institution-scorecard','individual-scorecard'])[1 + n % 4],
      ${grades}[gs],
      ${grades}[greatest(1, least(9, gs + case when n % 10 = 3 then 1 when n % 10 = 7 then -1 else 0 end))],
      (gs * 0.004)::numeric(12,8), (90 - gs * 6)::numeric(12,4),
      ru.ids[1 + n % 200],
      rated_on, rated_on, rated_on + 365
    from cyc, (select array_agg(id order by username) as ids from users) ru) f(customer_id, origin, status, customer_type, institution_id, institution_path,
      industry_code, region_code, nature_code, model_key, system_grade, grade, pd, score, rater_user_id, rated_on, effective_on, expires_on)
    window w as (partition by f.customer_id order by f.rated_on)`));
  await step("vacuum analyze", () => sql.unsafe("vacuum analyze"));
  const [{ c }] = await sql`select count(*)::int as c from customers`;
  const [{ r }] = await sql`select count(*)::int as r from ratings`;
  console.log(`crp_bench: ${c.toLocaleString()} customers, ${r.toLocaleString()} ratings`);
  await handle.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
