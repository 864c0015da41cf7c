import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rowsOf } from "@/db/rows";
import type { Dimension, MigrationCell } from "@/server/domain/statistics/filters";
import { likePrefix, type CountRow, type OverrideRow, type ScopedFilter } from "./statistics";

/**
 * Reads of the pre-aggregates (server/data/stats-rollup.ts builds them). The rows are per institution, type and
 * model, so the institution subtree, type and model filters are sums; scope goes through the institutions
 * table (ratings keep their denormalised path equal to it when the tree changes).
 */

function attrWhere(f: ScopedFilter, alias: string): SQL {
  const a = sql.raw(alias);
  const parts: SQL[] = [sql`${a}.institution_id in (select id from institutions where path like ${likePrefix(f.scopePath)})`];
  if (f.customerType) parts.push(sql`${a}.customer_type = ${f.customerType}`);
  if (f.modelKey) parts.push(sql`${a}.model_key = ${f.modelKey}`);
  return sql.join(parts, sql` and `);
}

const MEASURE: Record<Exclude<Dimension, "institution">, string> = { grade: "grade", region: "region", industry: "industry", nature: "nature" };

export async function countByDimension(db: Queryable, f: ScopedFilter, period: string, dim: Dimension): Promise<CountRow[]> {
  // every customer's latest rating has exactly one grade, so the grade rows summed by institution count each customer once
  const measure = dim === "institution" ? "grade" : MEASURE[dim];
  const key = dim === "institution" ? sql`s.institution_id::text` : sql`s.key`;
  return rowsOf<CountRow>(await db.execute(sql`
    select ${key} as key, sum(s.customers)::int as customers, sum(s.ratings)::int as ratings
    from stats_rollup s where s.period = ${period} and s.measure = ${measure} and ${attrWhere(f, "s")} group by 1 having sum(s.ratings) > 0`));
}

export async function countCustomers(db: Queryable, f: ScopedFilter, period: string): Promise<{ customers: number; ratings: number }> {
  return rowsOf<{ customers: number; ratings: number }>(await db.execute(sql`
    select coalesce(sum(s.customers), 0)::int as customers, coalesce(sum(s.ratings), 0)::int as ratings
    from stats_rollup s where s.period = ${period} and s.measure = 'grade' and ${attrWhere(f, "s")}`))[0];
}

/** quarters: the list to read, or "all" for every quarter built. */
export async function gradeByQuarter(db: Queryable, f: ScopedFilter, quarters: string[] | "all"): Promise<{ quarter: string; grade: string; customers: number }[]> {
  const which = quarters === "all" ? sql`s.period like '____-Q_'` : sql`s.period in (${sql.join(quarters.map((q) => sql`${q}`), sql`, `)})`;
  return rowsOf(await db.execute(sql`
    select s.period as quarter, s.key as grade, sum(s.customers)::int as customers
    from stats_rollup s where ${which} and s.measure = 'grade' and ${attrWhere(f, "s")} group by 1, 2 having sum(s.customers) > 0 order by 1`));
}

export async function overrides(db: Queryable, f: ScopedFilter, period: string, by: "rater" | "institution" | "model" | "notches"): Promise<OverrideRow[]> {
  const measure = by === "rater" ? "ovr_rater" : "ovr_notches";
  const key = by === "institution" ? sql`s.institution_id::text` : by === "model" ? sql`s.model_key` : sql`s.key`;
  const grouped = sql`select ${key} as key, sum(s.ratings)::int as total, sum(s.overridden)::int as overridden from stats_rollup s
    where s.period = ${period} and s.measure = ${measure} and ${attrWhere(f, "s")} group by 1`;
  if (by !== "rater") return rowsOf<OverrideRow>(await db.execute(sql`select key, null as label, total, overridden from (${grouped}) x`));
  return rowsOf<OverrideRow>(await db.execute(sql`select x.key, u.display_name as label, x.total, x.overridden
    from (${grouped}) x left join users u on u.id::text = x.key`));
}

export async function migrationCells(db: Queryable, f: ScopedFilter, fromDate: string, toDate: string): Promise<MigrationCell[]> {
  return rowsOf<MigrationCell>(await db.execute(sql`
    select s.from_grade as "from", s.to_grade as "to", sum(s.customers)::int as count from stats_migration_rollup s
    where s.from_date = ${fromDate}::date and s.to_date = ${toDate}::date and ${attrWhere(f, "s")} group by 1, 2`));
}

/**
 * The number of ratings behind a drill-down, from the pre-aggregates (the list itself is read live, one page).
 * Null when the bar is not one the pre-aggregates hold (the caller counts live).
 */
export async function drillTotal(db: Queryable, f: ScopedFilter, period: string, dimension: string | undefined, value: string | undefined): Promise<number | null> {
  const sum = async (p: string, measure: string, cond: SQL, col: "ratings" | "overridden" = "ratings") =>
    rowsOf<{ n: number }>(await db.execute(sql`select coalesce(sum(s.${sql.raw(col)}), 0)::int as n from stats_rollup s
      where s.period = ${p} and s.measure = ${measure} and ${attrWhere(f, "s")} and ${cond}`))[0].n;
  const keyIs = (v: string | undefined) => (v === undefined || v === "" ? sql`s.key is null` : sql`s.key = ${v}`);
  if (!dimension) return sum(period, "grade", sql`true`);
  if (dimension === "institution") return value && /^\d+$/.test(value) ? sum(period, "grade", sql`s.institution_id = ${Number(value)}`) : null;
  if (dimension in MEASURE) return sum(period, MEASURE[dimension as keyof typeof MEASURE], keyIs(value));
  if (dimension === "quarter") {
    if (!value || !/^\d{4}-Q[1-4]$/.test(value)) return null;
    const inside = period === "all" || period === value || period === value.slice(0, 4);
    return inside ? sum(value, "grade", sql`true`) : null;
  }
  if (dimension === "override") {
    if (value === undefined || value === "" || value === "all") return sum(period, "ovr_notches", sql`true`, "overridden");
    return Number.isInteger(Number(value)) ? sum(period, "ovr_notches", sql`s.key = ${String(Number(value))}`, "overridden") : null;
  }
  return null;
}
