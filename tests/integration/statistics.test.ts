import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { seedDemo } from "@/db/seed";
import { exportStatistics } from "@/server/services/statistics/export-statistics";
import { createTestDb } from "../setup/test-db";
import { actor, callerFor } from "../fixtures/actors";

let h: DbHandle;
const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await h.db.execute(s));
const PERIOD = { from: "2025-01-01", to: "2026-12-31" };

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
});
afterAll(async () => h?.close());

/**
 * Independent of the service's SQL: the ratings that are their customer's latest in [from, to] (no window
 * function, no DISTINCT ON: a correlated NOT EXISTS over a later rating).
 */
function latestIn(from?: string, to?: string) {
  const range = (a: string) => sql.raw(from && to ? `${a}.rated_on between '${from}' and '${to}'` : "true");
  return sql`select r.* from ratings r where ${range("r")} and not exists (select 1 from ratings x where x.customer_id = r.customer_id and ${range("x")}
    and (x.rated_on, x.created_at, x.id) > (r.rated_on, r.created_at, r.id))`;
}

async function pathOf(code: string): Promise<string> {
  return (await q<{ path: string }>(sql`select path from institutions where code = ${code}`))[0].path;
}

/** Reads a streamed export back into an exceljs workbook. */
async function readBack(stream: ReadableStream<Uint8Array>): Promise<ExcelJS.Worksheet> {
  const buf = Buffer.from(await new Response(stream).arrayBuffer());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

describe("statistics equal independent SQL counts", () => {
  it("has rating history to count", async () => {
    const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from ratings`);
    expect(n).toBeGreaterThan(50);
  });

  for (const [dim, col] of [["grade", "grade"], ["region", "region_code"], ["industry", "industry_code"], ["nature", "nature_code"], ["institution", "institution_id"]] as const) {
    it(`counts customers by ${dim} (head office, period)`, async () => {
      const ho = await callerFor(h.db, "ho.analyst");
      const res = await ho.statistics.counts({ filter: PERIOD, dimension: dim });
      // independent: scope through the institutions table (not the denormalised path); each customer once, at its latest rating
      const expected = await q<{ key: string | null; n: number }>(sql`select l.${sql.raw(col)}::text as key, count(*)::int as n
        from (${latestIn(PERIOD.from, PERIOD.to)}) l join institutions i on i.id = l.institution_id where i.path like '/%' group by 1`);
      expect(Object.fromEntries(res.rows.map((r) => [r.key ?? "null", r.customers]))).toEqual(Object.fromEntries(expected.map((e) => [e.key ?? "null", e.n])));
      const [{ total }] = await q<{ total: number }>(sql`select count(distinct customer_id)::int as total from ratings where rated_on between ${PERIOD.from} and ${PERIOD.to}`);
      expect(res.totalCustomers).toBe(total);
      // the bars add up to the total: a customer is in exactly one bar
      expect(res.rows.reduce((s, r) => s + r.customers, 0)).toBe(total);
      const ratings = await q<{ key: string | null; n: number }>(sql`select r.${sql.raw(col)}::text as key, count(*)::int as n from ratings r
        where r.rated_on between ${PERIOD.from} and ${PERIOD.to} group by 1`);
      expect(Object.fromEntries(res.rows.map((r) => [r.key ?? "null", r.ratings]))).toEqual(Object.fromEntries(ratings.map((e) => [e.key ?? "null", e.n])));
    });
  }

  it("filters by customer type and model", async () => {
    const ho = await callerFor(h.db, "ho.analyst");
    const [{ model }] = await q<{ model: string }>(sql`select model_key as model from ratings where model_key is not null group by 1 order by count(*) desc limit 1`);
    const res = await ho.statistics.counts({ filter: { customerType: "corporate", modelKey: model }, dimension: "grade" });
    const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from (${latestIn()}) l join customers c on c.id = l.customer_id where c.type = 'corporate' and l.model_key = ${model}`);
    expect(res.totalCustomers).toBe(n);
    expect(res.rows.reduce((s, r) => s + r.ratings, 0)).toBe((await q<{ n: number }>(sql`select count(*)::int as n from ratings r where r.customer_type = 'corporate' and r.model_key = ${model}`))[0].n);
  });

  it("grade per quarter matches", async () => {
    const ho = await callerFor(h.db, "ho.analyst");
    const res = await ho.statistics.quarterly({ filter: {} });
    // each quarter: each customer once, at its latest rating of that quarter
    const expected = await q<{ q: string; grade: string; n: number }>(sql`select extract(year from r.rated_on)::int || '-Q' || extract(quarter from r.rated_on)::int as q, r.grade, count(*)::int as n
      from ratings r where not exists (select 1 from ratings x where x.customer_id = r.customer_id and date_trunc('quarter', x.rated_on) = date_trunc('quarter', r.rated_on)
        and (x.rated_on, x.created_at, x.id) > (r.rated_on, r.created_at, r.id)) group by 1, 2`);
    expect(res.rows.length).toBeGreaterThan(3);
    for (const e of expected) expect(res.rows.find((r) => r.quarter === e.q)!.byGrade[e.grade]).toBe(e.n);
    expect(res.rows.reduce((s, r) => s + r.total, 0)).toBe(expected.reduce((s, e) => s + e.n, 0));
  });

  it("migration matrix matches each customer's latest rating on each date", async () => {
    const ho = await callerFor(h.db, "ho.analyst");
    const [d1, d2] = ["2024-12-31", "2025-12-31"];
    const res = await ho.statistics.migration({ filter: {}, fromDate: d1, toDate: d2 });
    const expected = await q<{ a: string; b: string; n: number }>(sql`
      select (select grade from ratings x where x.customer_id = c.id and x.rated_on <= ${d1}::date order by x.rated_on desc, x.created_at desc, x.id desc limit 1) as a,
             (select grade from ratings x where x.customer_id = c.id and x.rated_on <= ${d2}::date order by x.rated_on desc, x.created_at desc, x.id desc limit 1) as b,
             count(*)::int as n
      from customers c group by 1, 2 having (select 1) = 1`);
    const cells = expected.filter((e) => e.a && e.b);
    expect(res.total).toBe(cells.reduce((s, e) => s + e.n, 0));
    expect(res.total).toBeGreaterThan(0);
    for (const e of cells) expect(res.counts[res.grades.indexOf(e.a)][res.grades.indexOf(e.b)]).toBe(e.n);
    expect(res.upgrades + res.downgrades + res.unchanged).toBe(res.total);
  });

  it("override report matches", async () => {
    const ho = await callerFor(h.db, "ho.analyst");
    const res = await ho.statistics.overrides({ filter: {}, by: "model" });
    const [e] = await q<{ total: number; o: number }>(sql`select count(*)::int as total, count(*) filter (where grade <> system_grade)::int as o from ratings where system_grade is not null`);
    expect(res.total).toBe(e.total);
    expect(res.overridden).toBe(e.o);
  });

  it("drill-down lists exactly the ratings behind a bar, paged and sorted on the server", async () => {
    const ho = await callerFor(h.db, "ho.analyst");
    const counts = await ho.statistics.counts({ filter: PERIOD, dimension: "grade" });
    const bar = counts.rows[0];
    const list = await ho.statistics.ratings({ filter: PERIOD, dimension: "grade", value: bar.key!, sort: "customerName", dir: "asc", page: 1, pageSize: 5 });
    expect(list.total).toBe(bar.ratings);
    expect(list.rows.every((r) => r.grade === bar.key)).toBe(true);
    const names = list.rows.map((r) => r.customerName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe("scope", () => {
  it("a branch analyst sees only its subtree's counts and cannot ask for another branch", async () => {
    const bj = await callerFor(h.db, "bj.analyst");
    const bjPath = await pathOf("BJ");
    const res = await bj.statistics.counts({ filter: {}, dimension: "institution" });
    const inside = await q<{ id: number }>(sql`select id from institutions where path like ${`${bjPath}%`}`);
    const ids = new Set(inside.map((i) => String(i.id)));
    expect(res.rows.length).toBeGreaterThan(0);
    expect(res.rows.every((r) => ids.has(r.key!))).toBe(true);
    const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from (${latestIn()}) l join institutions i on i.id = l.institution_id where i.path like ${`${bjPath}%`}`);
    expect(res.totalCustomers).toBe(n);
    const [{ all }] = await q<{ all: number }>(sql`select count(distinct customer_id)::int as all from ratings`);
    expect(n).toBeLessThan(all);
    const [sh] = await q<{ id: number }>(sql`select id from institutions where code = 'SH'`);
    await expect(bj.statistics.counts({ filter: { institutionId: sh.id }, dimension: "grade" })).rejects.toMatchObject({ code: "FORBIDDEN" } satisfies Partial<TRPCError>);
    const list = await bj.statistics.ratings({ filter: {}, sort: "ratedOn", dir: "desc", page: 1, pageSize: 200 });
    expect(list.total).toBe((await q<{ n: number }>(sql`select count(*)::int as n from ratings r join institutions i on i.id = r.institution_id where i.path like ${`${bjPath}%`}`))[0].n);
  });

  it("a rater (no stats.export) cannot export; stats.read is required to read", async () => {
    const applicant = await callerFor(h.db, "ent.applicant1");
    await expect(applicant.statistics.counts({ filter: {}, dimension: "grade" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("Excel export", () => {
  it("writes the same totals as the screen, with a frozen header and number formats", async () => {
    const analyst = await actor(h.db, "ho.analyst");
    const ho = await callerFor(h.db, "ho.analyst");
    const screen = await ho.statistics.counts({ filter: PERIOD, dimension: "grade" });
    const { stream } = await exportStatistics(analyst, { kind: "counts", dimension: "grade" }, PERIOD, "en", { db: h.db });
    const sheet = await readBack(stream);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).getCell(3).value).toBe("Customers");
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe("Total");
    expect(last.getCell(3).value).toBe(screen.totalCustomers);
    expect(last.getCell(4).value).toBe(screen.totalRatings);
    let sum = 0;
    for (let r = 2; r < sheet.rowCount; r++) sum += Number(sheet.getRow(r).getCell(4).value);
    expect(sum).toBe(screen.totalRatings);
    expect(sheet.getColumn(3).numFmt).toBe("#,##0");
  });

  it("neutralises a formula in a customer name and lists as many ratings as the screen", async () => {
    const bjPath = await pathOf("BJ");
    const [c] = await q<{ id: string; institution_id: number }>(sql`select c.id, c.institution_id from customers c join institutions i on i.id = c.institution_id where i.path like ${`${bjPath}%`} and exists (select 1 from ratings r where r.customer_id = c.id) limit 1`);
    await h.db.execute(sql`update customers set name = ${'=HYPERLINK("http://evil.example","x")'} where id = ${c.id}`);
    const analyst = await actor(h.db, "bj.analyst");
    const bj = await callerFor(h.db, "bj.analyst");
    const screen = await bj.statistics.ratings({ filter: {}, sort: "ratedOn", dir: "desc", page: 1, pageSize: 25 });
    const { stream } = await exportStatistics(analyst, { kind: "ratings" }, {}, "en", { db: h.db, sql: h.sql });
    const sheet = await readBack(stream);
    const names: unknown[] = [];
    for (let r = 2; r < sheet.rowCount; r++) names.push(sheet.getRow(r).getCell(2).value);
    expect(names.length).toBe(screen.total);
    expect(sheet.getRow(sheet.rowCount).getCell(2).value).toBe(screen.total);
    expect(names).toContain(`'=HYPERLINK("http://evil.example","x")`);
    for (const n of names) expect(typeof n === "string" && /^[=+\-@\t\r]/.test(n)).toBe(false);
    // no cell is a formula object
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});

describe("dashboard home per role", () => {
  it("gives raters their recent ratings, chain roles their throughput, analysts the portfolio", async () => {
    const [rater] = await q<{ username: string; id: string; n: number }>(sql`select u.username, u.id::text as id, count(*)::int as n from ratings r join users u on u.id = r.rater_user_id where u.role = 'rater' group by 1, 2 order by 3 desc limit 1`);
    const r = await (await callerFor(h.db, rater.username)).workspace.dashboard();
    expect(r.kind).toBe("rater");
    expect(r.recent.length).toBe(Math.min(10, rater.n));
    const [latest] = await q<{ d: string }>(sql`select max(rated_on)::text as d from ratings where rater_user_id = ${rater.id}::uuid`);
    expect(r.recent[0].ratedOn).toBe(latest.d);
    const a = await (await callerFor(h.db, "bj.approver")).workspace.dashboard();
    expect(a.kind).toBe("approver");
    expect(Array.isArray(a.throughput)).toBe(true);
    const p = await (await callerFor(h.db, "ho.analyst")).workspace.dashboard();
    expect(p.kind).toBe("portfolio");
    expect(p.portfolio.customers).toBe((await q<{ n: number }>(sql`select count(*)::int as n from customers where deleted_at is null`))[0].n);
  });
});
