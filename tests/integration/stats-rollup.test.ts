import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { seedDemo } from "@/db/seed";
import type { CurrentUser } from "@/server/auth/session";
import * as live from "@/server/data/statistics";
import { refreshDirty } from "@/server/data/stats-rollup";
import { DIMENSIONS, type StatsFilter } from "@/server/domain/statistics/filters";
import { migrationPairs, periodBounds, quarterEnds } from "@/server/domain/statistics/periods";
import * as stats from "@/server/services/statistics/statistics";
import { createTestDb } from "../setup/test-db";
import { actor } from "../fixtures/actors";

/**
 * The pre-aggregates against the live queries over the same seeded book: every preset period, dimension, scope
 * and filter must give the same figures; then a change is seen as pending until the next refresh includes it.
 */
let h: DbHandle;
let ho: CurrentUser;
let bj: CurrentUser;
const today = new Date().toISOString().slice(0, 10);
const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await h.db.execute(s));
const byKey = (rows: { key: string | null; customers: number; ratings: number }[]) =>
  Object.fromEntries(rows.map((r) => [r.key ?? "null", [r.customers, r.ratings]]));

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  ho = await actor(h.db, "ho.analyst");
  bj = await actor(h.db, "bj.analyst");
});
afterAll(async () => h?.close());

async function presetPeriods(): Promise<string[]> {
  return (await q<{ period: string }>(sql`select period from stats_rollup_built where period not like 'mig:%' order by 1`)).map((r) => r.period);
}

function filterOf(period: string, extra: Partial<StatsFilter> = {}): StatsFilter {
  const b = periodBounds(period);
  return { ...(b ? { from: b.from, to: b.to } : {}), ...extra };
}

describe("statistics pre-aggregates", () => {
  it("the seed built every period of its history and nothing is pending", async () => {
    const periods = await presetPeriods();
    expect(periods).toContain("all");
    expect(periods.filter((p) => /^\d{4}$/.test(p)).length).toBeGreaterThanOrEqual(2);
    expect(periods.filter((p) => /Q/.test(p)).length).toBeGreaterThanOrEqual(6);
    expect((await q<{ n: number }>(sql`select count(*)::int as n from stats_rollup_dirty`))[0].n).toBe(0);
  });

  it("every preset period, dimension, scope and type filter equals the live query", async () => {
    const periods = await presetPeriods();
    let compared = 0;
    for (const period of periods) {
      for (const who of [ho, bj]) {
        for (const extra of [{}, { customerType: "corporate" as const }]) {
          const f = filterOf(period, extra);
          const scoped = await stats.resolveScope(h.db, who, f);
          for (const dim of DIMENSIONS) {
            const pre = await stats.countsFor(who, f, dim, h.db);
            expect(pre.source).toBe("rollup");
            expect(byKey(pre.rows)).toEqual(byKey(await live.countByDimension(h.db, scoped, dim)));
            const totals = await live.countCustomers(h.db, scoped);
            expect([pre.totalCustomers, pre.totalRatings]).toEqual([totals.customers, totals.ratings]);
            compared++;
          }
          for (const by of ["rater", "institution", "model", "notches"] as const) {
            const pre = await stats.overrides(who, f, by, h.db);
            const l = await live.overrides(h.db, scoped, by);
            expect(Object.fromEntries(pre.rows.map((r) => [r.key ?? "null", [r.total, r.overridden]])))
              .toEqual(Object.fromEntries(l.map((r) => [r.key ?? "null", [r.total, r.overridden]])));
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("grade per quarter and every preset migration pair equal the live queries", async () => {
    for (const who of [ho, bj]) {
      const pre = await stats.quarterly(who, {}, h.db);
      expect(pre.source).toBe("rollup");
      const cells = await live.gradeByQuarter(h.db, await stats.resolveScope(h.db, who, {}));
      const expected: Record<string, number> = {};
      for (const c of cells) expected[`${c.quarter} ${c.grade}`] = c.customers;
      const got: Record<string, number> = {};
      for (const r of pre.rows) for (const [g, n] of Object.entries(r.byGrade)) if (n) got[`${r.quarter} ${g}`] = n;
      expect(got).toEqual(expected);
    }
    const [{ first }] = await q<{ first: string }>(sql`select min(rated_on)::text as first from ratings`);
    const pairs = migrationPairs(quarterEnds(first, today));
    expect(pairs.length).toBeGreaterThan(4);
    let nonEmpty = 0;
    for (const p of pairs) {
      for (const who of [ho, bj]) {
        const pre = await stats.migration(who, {}, p.from, p.to, h.db);
        expect(pre.source).toBe("rollup");
        const cells = await live.migrationCells(h.db, await stats.resolveScope(h.db, who, {}), p.from, p.to);
        expect(pre.total).toBe(cells.reduce((s, c) => s + c.count, 0));
        for (const c of cells) expect(pre.counts[pre.grades.indexOf(c.from)][pre.grades.indexOf(c.to)]).toBe(c.count);
        if (pre.total > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(2);
  });

  it("a drill-down's total from the pre-aggregates equals the live count of its list", async () => {
    const f = filterOf("all");
    const counts = await stats.countsFor(ho, f, "grade", h.db);
    for (const bar of counts.rows) {
      const list = await stats.listRatings(ho, { filter: f, dimension: "grade", value: bar.key ?? undefined, sort: "ratedOn", dir: "desc", page: 1, pageSize: 5 }, h.db);
      const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from ratings where grade = ${bar.key}`);
      expect(list.total).toBe(n);
      expect(list.total).toBe(bar.ratings);
    }
    const over = await stats.listRatings(ho, { filter: f, dimension: "override", value: "all", sort: "ratedOn", dir: "desc", page: 1, pageSize: 5 }, h.db);
    expect(over.total).toBe((await q<{ n: number }>(sql`select count(*)::int as n from ratings where system_grade is not null and grade <> system_grade`))[0].n);
  });

  it("a custom range is answered live", async () => {
    const res = await stats.countsFor(ho, { from: "2025-02-03", to: "2025-11-30" }, "grade", h.db);
    expect(res.source).toBe("live");
    expect(res.pending).toBe(false);
  });

  it("a new rating is pending (the page says as of when) until the next refresh adds it exactly", async () => {
    const before = await stats.countsFor(ho, {}, "grade", h.db);
    expect(before.pending).toBe(false);
    const [c] = await q<{ id: string }>(sql`select id::text as id from customers c where not exists (select 1 from ratings r where r.customer_id = c.id) and c.type = 'sme' limit 1`);
    const [inst] = await q<{ id: number; path: string }>(sql`select id, path from institutions where code = 'BJ'`);
    await h.db.execute(sql`insert into ratings (customer_id, origin, status, customer_type, institution_id, institution_path, model_key, system_grade, grade, rated_on, effective_on, expires_on)
      values (${c.id}::uuid, 'history', 'effective', 'sme', ${inst.id}, ${inst.path}, 'sme-scorecard', 'BBB', 'A', ${today}::date, ${today}::date, ${today}::date + 365)`);
    const stale = await stats.countsFor(ho, {}, "grade", h.db);
    expect(stale.source).toBe("rollup");
    expect(stale.pending).toBe(true);
    expect(stale.asOf).toBe(before.asOf);
    expect(stale.totalCustomers).toBe(before.totalCustomers);
    // the drill-down counts live while a change is pending, so its total is never stale
    const list = await stats.listRatings(ho, { filter: {}, dimension: "grade", value: "A", sort: "ratedOn", dir: "desc", page: 1, pageSize: 5 }, h.db);
    expect(list.total).toBe((await q<{ n: number }>(sql`select count(*)::int as n from ratings where grade = 'A'`))[0].n);

    const refreshed = await refreshDirty(h.db, today);
    expect(refreshed.periods).toEqual(expect.arrayContaining(["all", today.slice(0, 4)]));
    const after = await stats.countsFor(ho, {}, "grade", h.db);
    expect(after.pending).toBe(false);
    expect(after.totalCustomers).toBe(before.totalCustomers + 1);
    expect(after.rows.find((r) => r.key === "A")!.customers).toBe(before.rows.find((r) => r.key === "A")!.customers + 1);
    const overrides = await stats.overrides(ho, {}, "notches", h.db);
    expect(overrides.total).toBe((await q<{ n: number }>(sql`select count(*)::int as n from ratings where system_grade is not null`))[0].n);
  });

  it("a status-only update marks nothing; a grade change marks its periods and the migration pairs", async () => {
    await h.db.execute(sql`update ratings set status = 'superseded' where id = (select id from ratings order by id limit 1)`);
    expect((await q<{ n: number }>(sql`select count(*)::int as n from stats_rollup_dirty`))[0].n).toBe(0);
    const [r] = await q<{ id: string; d: string }>(sql`select id::text as id, rated_on::text as d from ratings order by id limit 1`);
    await h.db.execute(sql`update ratings set grade = case when grade = 'BB' then 'B' else 'BB' end where id = ${r.id}::uuid`);
    const dirty = (await q<{ period: string; since: string }>(sql`select period, since::text as since from stats_rollup_dirty order by 1`));
    expect(dirty.map((d) => d.period).sort()).toEqual(["all", "migration", r.d.slice(0, 4), `${r.d.slice(0, 4)}-Q${Math.floor((Number(r.d.slice(5, 7)) - 1) / 3) + 1}`].sort());
    expect(dirty.every((d) => d.since === r.d)).toBe(true);
    await refreshDirty(h.db, today);
    const [{ first }] = await q<{ first: string }>(sql`select min(rated_on)::text as first from ratings`);
    for (const p of migrationPairs(quarterEnds(first, today)).filter((p) => p.to >= r.d)) {
      const pre = await stats.migration(ho, {}, p.from, p.to, h.db);
      const cells = await live.migrationCells(h.db, await stats.resolveScope(h.db, ho, {}), p.from, p.to);
      expect(pre.total).toBe(cells.reduce((s, c) => s + c.count, 0));
      for (const c of cells) expect(pre.counts[pre.grades.indexOf(c.from)][pre.grades.indexOf(c.to)]).toBe(c.count);
    }
  });

  it("two refreshes at once: one builds, the other skips (PostgreSQL)", async () => {
    if (h.kind !== "postgres") return;
    await h.db.execute(sql`update ratings set grade = case when grade = 'BB' then 'B' else 'BB' end where id = (select id from ratings order by id limit 1)`);
    const results = await Promise.all([refreshDirty(h.db, today), refreshDirty(h.db, today)]);
    expect(results.filter((r) => r.skipped).length).toBe(1);
    expect(results.find((r) => !r.skipped)!.periods).toContain("all");
  });
});
