import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { seedDemo } from "@/db/seed";
import type { CurrentUser } from "@/server/auth/session";
import * as stats from "@/server/services/statistics/statistics";
import { createTestDb } from "../setup/test-db";
import { actor } from "../fixtures/actors";

/**
 * The neighbour columns of `ratings` (superseded_on, prior_grade, prior_rated_on; migration 0007) that the live
 * statistics read: they must always equal what a window function over the customer's history says, whatever
 * is inserted, back-dated, re-graded or deleted, and the figures read from them must equal independent SQL.
 */
let h: DbHandle;
let ho: CurrentUser;
const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await h.db.execute(s));

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  ho = await actor(h.db, "ho.analyst");
});
afterAll(async () => h?.close());

/** Ratings whose neighbour columns disagree with a recomputation from the whole table. */
async function mislinked(): Promise<number> {
  const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from ratings r join (
      select id, lead(rated_on) over w as next_on, lag(grade) over w as prior_grade, lag(rated_on) over w as prior_on
      from ratings window w as (partition by customer_id order by rated_on, created_at, id)) s on s.id = r.id
    where (r.superseded_on, r.prior_grade, r.prior_rated_on) is distinct from (s.next_on, s.prior_grade, s.prior_on)`);
  return n;
}

let made = 0;
/** A new SME customer of the Beijing branch, with no rating yet. */
async function unratedCustomer(): Promise<{ id: string; instId: number; path: string }> {
  made += 1;
  const [i] = await q<{ id: number; path: string }>(sql`select id, path from institutions where code = 'BJ'`);
  const [c] = await q<{ id: string }>(sql`insert into customers (code, name, type, institution_id)
    values (${`NB-${made}`}, ${`邻接测试客户${made}`}, 'sme', ${i.id}) returning id::text as id`);
  return { id: c.id, instId: i.id, path: i.path };
}

async function rate(c: { id: string; instId: number; path: string }, grade: string, on: string, db = h.db): Promise<string> {
  const [r] = rowsOf<{ id: string }>(await db.execute(sql`insert into ratings (customer_id, origin, status, customer_type, institution_id, institution_path, model_key, system_grade, grade, rated_on, effective_on, expires_on)
    values (${c.id}::uuid, 'history', 'effective', 'sme', ${c.instId}, ${c.path}, 'sme-scorecard', ${grade}, ${grade}, ${on}::date, ${on}::date, ${on}::date + 365) returning id::text as id`));
  return r.id;
}

async function linksOf(customerId: string) {
  return q<{ grade: string; on: string; next: string | null; prior: string | null; priorOn: string | null }>(sql`
    select grade, rated_on::text as on, superseded_on::text as next, prior_grade as prior, prior_rated_on::text as "priorOn"
    from ratings where customer_id = ${customerId}::uuid order by rated_on, created_at, id`);
}

describe("rating neighbour columns", () => {
  it("hold for the whole seeded book", async () => {
    expect((await q<{ n: number }>(sql`select count(*)::int as n from ratings where superseded_on is not null`))[0].n).toBeGreaterThan(10);
    expect(await mislinked()).toBe(0);
  });

  it("follow inserts (also back-dated), a moved date, a re-grade and a delete; a status change touches nothing", async () => {
    const c = await unratedCustomer();
    await rate(c, "BBB", "2025-03-01");
    expect(await linksOf(c.id)).toEqual([{ grade: "BBB", on: "2025-03-01", next: null, prior: null, priorOn: null }]);
    const later = await rate(c, "BB", "2025-09-01");
    const earlier = await rate(c, "A", "2024-11-15"); // back-dated history arrives after the newer ratings
    expect(await linksOf(c.id)).toEqual([
      { grade: "A", on: "2024-11-15", next: "2025-03-01", prior: null, priorOn: null },
      { grade: "BBB", on: "2025-03-01", next: "2025-09-01", prior: "A", priorOn: "2024-11-15" },
      { grade: "BB", on: "2025-09-01", next: null, prior: "BBB", priorOn: "2025-03-01" },
    ]);
    await h.db.execute(sql`update ratings set rated_on = '2025-01-10' where id = ${later}::uuid`);
    expect((await linksOf(c.id)).map((r) => [r.grade, r.next, r.prior])).toEqual([["A", "2025-01-10", null], ["BB", "2025-03-01", "A"], ["BBB", null, "BB"]]);
    await h.db.execute(sql`update ratings set grade = 'CCC' where id = ${earlier}::uuid`);
    expect((await linksOf(c.id))[1].prior).toBe("CCC");
    const before = await q<{ x: string }>(sql`select xmin::text as x from ratings where customer_id = ${c.id}::uuid order by id`);
    await h.db.execute(sql`update ratings set status = 'superseded' where id = ${earlier}::uuid`);
    const after = await q<{ id: string; x: string }>(sql`select id::text as id, xmin::text as x from ratings where customer_id = ${c.id}::uuid order by id`);
    // only the row whose status changed was written again
    expect(after.filter((r, i) => r.x !== before[i].x).map((r) => r.id)).toEqual([earlier]);
    await h.db.execute(sql`delete from ratings where id = ${later}::uuid`);
    expect((await linksOf(c.id)).map((r) => [r.grade, r.next, r.prior])).toEqual([["CCC", "2025-03-01", null], ["BBB", null, "CCC"]]);
    expect(await mislinked()).toBe(0);
  });

  it("one statement rating many customers links each of them (one pass per statement)", async () => {
    const n: { id: string }[] = [];
    for (let k = 0; k < 20; k++) n.push(await unratedCustomer());
    await h.db.execute(sql`insert into ratings (customer_id, origin, status, customer_type, institution_id, institution_path, model_key, grade, rated_on, effective_on, expires_on)
      select c.id, 'history', 'effective', c.type::text, c.institution_id, i.path, 'sme-scorecard', g, d, d, d + 365
      from customers c join institutions i on i.id = c.institution_id, (values ('A', date '2025-02-02'), ('BB', date '2025-05-05'), ('B', date '2025-05-05')) v(g, d)
      where c.id in (${sql.join(n.map((r) => sql`${r.id}::uuid`), sql`, `)})`);
    expect(await mislinked()).toBe(0);
  });

  it("two transactions rating one customer at once: the second waits and links after the first (PostgreSQL)", async () => {
    if (h.kind !== "postgres") return;
    const c = await unratedCustomer();
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let inserted!: () => void;
    const first = new Promise<void>((r) => { inserted = r; });
    const t1 = h.db.transaction(async (tx) => {
      await rate(c, "A", "2025-04-01", tx as never);
      inserted();
      await gate;
    });
    await first;
    const t2 = h.db.transaction(async (tx) => { await rate(c, "BB", "2025-08-01", tx as never); });
    await new Promise((r) => setTimeout(r, 200));
    release();
    await Promise.all([t1, t2]);
    expect((await linksOf(c.id)).map((r) => [r.grade, r.next, r.prior])).toEqual([["A", "2025-08-01", null], ["BB", null, "A"]]);
  });
});

describe("statistics read from the neighbour columns equal independent SQL", () => {
  /** The rating holding on day d for each customer, by a sort per customer (no neighbour columns). */
  const holding = (d: string) => sql`(select grade from ratings x where x.customer_id = c.id and x.rated_on <= ${d}::date
    order by x.rated_on desc, x.created_at desc, x.id desc limit 1)`;

  it("a migration matrix between any two dates, with customers re-rated several times in between", async () => {
    const c = await unratedCustomer();
    for (const [g, d] of [["BBB", "2025-01-10"], ["BB", "2025-03-01"], ["B", "2025-06-01"], ["A", "2025-09-01"]]) await rate(c, g, d);
    const c2 = await unratedCustomer();
    for (const [g, d] of [["AA", "2025-01-20"], ["A", "2025-04-01"]]) await rate(c2, g, d);
    for (const [d1, d2] of [["2025-02-14", "2025-08-20"], ["2025-02-14", "2025-12-01"], ["2024-07-07", "2026-03-03"], ["2025-06-01", "2025-06-02"]]) {
      const res = await stats.migration(ho, {}, d1, d2, h.db);
      expect(res.source).toBe("live");
      const expected = await q<{ a: string | null; b: string | null; n: number }>(sql`
        select ${holding(d1)} as a, ${holding(d2)} as b, count(*)::int as n from customers c group by 1, 2`);
      const cells = expected.filter((e) => e.a && e.b);
      expect(res.total).toBe(cells.reduce((s, e) => s + e.n, 0));
      for (const e of cells) expect(res.counts[res.grades.indexOf(e.a!)][res.grades.indexOf(e.b!)]).toBe(e.n);
    }
    const multi = await stats.migration(ho, {}, "2025-02-14", "2025-08-20", h.db);
    expect(multi.counts[multi.grades.indexOf("BBB")][multi.grades.indexOf("B")]).toBeGreaterThanOrEqual(1);
  });

  it("custom-range counts: each customer once, at its latest rating in the range", async () => {
    for (const [from, to] of [["2025-02-14", "2025-08-20"], ["2024-05-05", "2026-01-31"]]) {
      const res = await stats.countsFor(ho, { from, to, customerType: "sme" }, "grade", h.db);
      expect(res.source).toBe("live");
      const expected = await q<{ key: string; n: number }>(sql`select r.grade as key, count(*)::int as n from ratings r
        where r.rated_on between ${from}::date and ${to}::date and r.customer_type = 'sme' and not exists (select 1 from ratings x
          where x.customer_id = r.customer_id and x.rated_on between ${from}::date and ${to}::date and (x.rated_on, x.created_at, x.id) > (r.rated_on, r.created_at, r.id))
        group by 1`);
      expect(Object.fromEntries(res.rows.map((r) => [r.key, r.customers]))).toEqual(Object.fromEntries(expected.map((e) => [e.key, e.n])));
      expect(res.totalCustomers).toBe(expected.reduce((s, e) => s + e.n, 0));
      const quarterly = await stats.quarterly(ho, { from, to }, h.db);
      const perQuarter = await q<{ quarter: string; n: number }>(sql`select to_char(r.rated_on, 'YYYY-"Q"Q') as quarter, count(*)::int as n from ratings r
        where r.rated_on between ${from}::date and ${to}::date and not exists (select 1 from ratings x where x.customer_id = r.customer_id
          and x.rated_on between ${from}::date and ${to}::date and date_trunc('quarter', x.rated_on) = date_trunc('quarter', r.rated_on)
          and (x.rated_on, x.created_at, x.id) > (r.rated_on, r.created_at, r.id)) group by 1`);
      expect(Object.fromEntries(quarterly.rows.map((r) => [r.quarter, r.total]))).toEqual(Object.fromEntries(perQuarter.map((e) => [e.quarter, e.n])));
    }
  });
});
