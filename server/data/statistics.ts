import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { Queryable } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { GRADES, type Dimension, type DrillInput, type MigrationCell, type StatsFilter } from "@/server/domain/statistics/filters";

/**
 * Statistics over the `ratings` fact table (institution path, type, industry, region, nature, model and grade
 * are denormalised on it at rating time, so no joins are needed to count). `scopePath` is the institution
 * path the figures are limited to: the actor's own, or a narrower one inside it, resolved on the server.
 */
export interface ScopedFilter extends StatsFilter { scopePath: string }

/** A LIKE pattern for an institution path prefix (the path's own %, _ and \\ escaped). */
export function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The rating-period part of a filter. */
export function periodWhere(f: ScopedFilter, alias = "r"): SQL {
  const a = sql.raw(alias);
  const parts: SQL[] = [];
  if (f.from) parts.push(sql`${a}.rated_on >= ${f.from}::date`);
  if (f.to) parts.push(sql`${a}.rated_on <= ${f.to}::date`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** The attribute part of a filter: institution subtree, customer type, model. */
export function attrWhere(f: ScopedFilter, alias = "r"): SQL {
  const a = sql.raw(alias);
  const parts: SQL[] = [sql`${a}.institution_path like ${likePrefix(f.scopePath)}`];
  if (f.customerType) parts.push(sql`${a}.customer_type = ${f.customerType}`);
  if (f.modelKey) parts.push(sql`${a}.model_key = ${f.modelKey}`);
  return sql.join(parts, sql` and `);
}

export function ratingWhere(f: ScopedFilter, alias = "r"): SQL {
  return sql`${attrWhere(f, alias)} and ${periodWhere(f, alias)}`;
}

/**
 * "This rating is the customer's latest in the period": its next rating (superseded_on, kept by a trigger,
 * migration 0007) falls after the period's end, or there is none. A next rating on or before the end is itself
 * in the period, since it is not earlier than this one.
 */
export function latestUpTo(to: string | undefined, alias = "r"): SQL {
  const a = sql.raw(alias);
  return to ? sql`(${a}.superseded_on is null or ${a}.superseded_on > ${to}::date)` : sql`${a}.superseded_on is null`;
}

function latestInPeriod(f: ScopedFilter, alias = "r"): SQL {
  return latestUpTo(f.to, alias);
}

/** "This rating holds on day d": rated on or before d, and the next one (if any) after d. */
function holdsOn(d: string, alias = "r"): SQL {
  const a = sql.raw(alias);
  return sql`${a}.rated_on <= ${d}::date and (${a}.superseded_on is null or ${a}.superseded_on > ${d}::date)`;
}

/**
 * For the live statistics: one read-only snapshot (the bars and the totals come from the same data) and a plan
 * for range scans. Parallel workers are off: on the 2-core reference machine starting them cost ~100 ms, more
 * than the scan of a date range from the covering index (measured 82-106 ms serial for 420k ratings);
 * random_page_cost 1.1 is the usual value for SSD storage and lets the planner pick that index-only scan.
 */
export async function inRangeScanSnapshot<T>(db: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('max_parallel_workers_per_gather', '0', true), set_config('random_page_cost', '1.1', true)`);
    return fn(tx);
  }, { isolationLevel: "repeatable read", accessMode: "read only" });
}

const DIMENSION_COLUMN: Record<Dimension, string> = {
  grade: "grade",
  region: "region_code",
  industry: "industry_code",
  nature: "nature_code",
  institution: "institution_id",
};

export interface CountRow { key: string | null; customers: number; ratings: number }

/**
 * Customers and ratings in the period, by one dimension. A customer counts once, at its latest rating in the
 * period (so the bars add up to the total); the filters apply to that rating. Ratings: every rating in the
 * period that matches the filters.
 */
export async function countByDimension(db: Queryable, f: ScopedFilter, dim: Dimension): Promise<CountRow[]> {
  const col = sql.raw(DIMENSION_COLUMN[dim]);
  // grouped on the raw column and cast per group, not per rating (a cast per row doubled the scan's time)
  const res = await db.execute(sql`
    select k::text as key, customers, ratings from (
      select r.${col} as k, (count(*) filter (where ${latestInPeriod(f)}))::int as customers, count(*)::int as ratings
      from ratings r where ${ratingWhere(f)} group by 1) g`);
  return rowsOf<CountRow>(res);
}

/** The totals of a breakdown: every rating, and every customer's latest one, is in exactly one bar. */
export function totalsOf(rows: CountRow[]): { customers: number; ratings: number } {
  return rows.reduce((t, r) => ({ customers: t.customers + r.customers, ratings: t.ratings + r.ratings }), { customers: 0, ratings: 0 });
}

/** Customers rated in the period (each once, at its latest rating) and the ratings: the totals under the charts. */
export async function countCustomers(db: Queryable, f: ScopedFilter): Promise<{ customers: number; ratings: number }> {
  const res = await db.execute(sql`
    select (count(*) filter (where ${latestInPeriod(f)}))::int as customers, count(*)::int as ratings from ratings r where ${ratingWhere(f)}`);
  return rowsOf<{ customers: number; ratings: number }>(res)[0];
}

/** Per quarter, customers at their latest rating in that quarter (within the period), by grade. */
export async function gradeByQuarter(db: Queryable, f: ScopedFilter): Promise<{ quarter: string; grade: string; customers: number }[]> {
  // first counted per (rated_on, superseded_on, grade), a few thousand groups, then each group placed in its
  // quarter: date_trunc and to_char per rating cost more than the scan itself
  const quarterEnd = sql`(date_trunc('quarter', g.d) + interval '3 months' - interval '1 day')::date`;
  const end = f.to ? sql`least(${quarterEnd}, ${f.to}::date)` : quarterEnd;
  const res = await db.execute(sql`
    select to_char(g.d, 'YYYY-"Q"Q') as quarter, g.grade, sum(g.n)::int as customers from (
      select r.rated_on as d, r.superseded_on as s, r.grade, count(*) as n from ratings r where ${ratingWhere(f)} group by 1, 2, 3) g
    where g.s is null or g.s > ${end}
    group by 1, 2 order by 1`);
  return rowsOf(res);
}

/**
 * Migration between two dates (from < to): each customer's rating holding on each date (its latest on or
 * before it), for customers rated by both. The filters apply to the rating at the second date (where the
 * customer is now); period filters do not apply, the two dates define it. Three disjoint parts of the ratings
 * holding on the second date: rated by the first date (the same rating on both: no move); re-rated once in
 * between (the previous grade is on the row); re-rated more than once (looked up per customer; found through the
 * partial index on prior_rated_on, as the ratings whose previous one is also after the first date).
 */
export async function migrationCells(db: Queryable, f: ScopedFilter, fromDate: string, toDate: string): Promise<MigrationCell[]> {
  const atTo = sql`${holdsOn(toDate)} and ${attrWhere(f)}`;
  const res = await db.execute(sql`
    select "from", "to", sum(n)::int as count from (
      select r.grade as "from", r.grade as "to", count(*) as n from ratings r
      where ${atTo} and r.rated_on <= ${fromDate}::date group by 1, 2
      union all
      select r.prior_grade, r.grade, count(*) from ratings r
      where ${atTo} and r.rated_on > ${fromDate}::date and r.prior_rated_on <= ${fromDate}::date group by 1, 2
      union all
      select h.grade, r.grade, count(*) from ratings r
      cross join lateral (select x.grade from ratings x where x.customer_id = r.customer_id and ${holdsOn(fromDate, "x")} limit 1) h
      where ${atTo} and r.prior_rated_on > ${fromDate}::date and r.prior_rated_on <= ${toDate}::date group by 1, 2
    ) m group by 1, 2`);
  return rowsOf<MigrationCell>(res);
}

function gradeArray(): SQL {
  return sql`array[${sql.join(GRADES.map((g) => sql`${g}`), sql`, `)}]::text[]`;
}

export interface OverrideRow { key: string | null; label: string | null; total: number; overridden: number }

/**
 * Ratings with a system grade, and how many ended on another grade, by rater / institution / model / notches.
 * Counted on the raw columns first; labels, casts and notches are then worked out per group.
 */
export async function overrides(db: Queryable, f: ScopedFilter, by: "rater" | "institution" | "model" | "notches"): Promise<OverrideRow[]> {
  const where = sql`${ratingWhere(f)} and r.system_grade is not null`;
  const counted = (cols: string[]) => sql`select ${sql.raw(cols.join(", "))}, count(*)::int as total, count(*) filter (where r.grade <> r.system_grade)::int as overridden
    from ratings r where ${where} group by ${sql.raw(cols.map((_, i) => String(i + 1)).join(", "))}`;
  let q: SQL;
  if (by === "notches") {
    q = sql`select (array_position(${gradeArray()}, g.s) - array_position(${gradeArray()}, g.g))::text as key, null as label,
      sum(g.total)::int as total, sum(g.overridden)::int as overridden from (${counted(["r.system_grade as s", "r.grade as g"])}) g group by 1`;
  } else if (by === "rater") {
    q = sql`select g.k::text as key, u.display_name as label, g.total, g.overridden
      from (${counted(["r.rater_user_id as k"])}) g left join users u on u.id = g.k`;
  } else if (by === "institution") {
    q = sql`select g.k::text as key, null as label, g.total, g.overridden from (${counted(["r.institution_id as k"])}) g`;
  } else {
    q = sql`select g.k as key, null as label, g.total, g.overridden from (${counted(["r.model_key as k"])}) g`;
  }
  return rowsOf<OverrideRow>(await db.execute(q));
}

export interface PipelineRow { stage: string; waiting: number; acted: number; medianHours: number | null }

/** Applications waiting at each step now, and the median hours a step took (entered -> acted) in the period. */
export async function pipeline(db: Queryable, f: ScopedFilter): Promise<PipelineRow[]> {
  const scope = sql`i.path like ${likePrefix(f.scopePath)}`;
  const period: SQL[] = [];
  if (f.from) period.push(sql`s.acted_at >= ${f.from}::date`);
  if (f.to) period.push(sql`s.acted_at < ${f.to}::date + 1`);
  const periodSql = period.length ? sql` and ${sql.join(period, sql` and `)}` : sql``;
  const typeSql = f.customerType ? sql` and c.type = ${f.customerType}` : sql``;
  const waiting = rowsOf<{ stage: string; n: number }>(await db.execute(sql`
    select coalesce(a.current_role, a.status::text) as stage, count(*)::int as n
    from rating_applications a join institutions i on i.id = a.institution_id join customers c on c.id = a.customer_id
    where ${scope}${typeSql} and a.status in ('draft', 'system_rated', 'submitted', 'in_review', 'returned') group by 1`));
  const times = rowsOf<{ stage: string; n: number; median: number | null }>(await db.execute(sql`
    select s.role as stage, count(*)::int as n,
      (percentile_cont(0.5) within group (order by extract(epoch from (s.acted_at - s.entered_at)) / 3600.0))::float8 as median
    from approval_steps s join rating_applications a on a.id = s.application_id join institutions i on i.id = a.institution_id
    join customers c on c.id = a.customer_id
    where ${scope}${typeSql}${periodSql} and s.entered_at is not null group by 1`));
  const stages = new Map<string, PipelineRow>();
  for (const w of waiting) stages.set(w.stage, { stage: w.stage, waiting: w.n, acted: 0, medianHours: null });
  for (const t of times) {
    const row = stages.get(t.stage) ?? { stage: t.stage, waiting: 0, acted: 0, medianHours: null };
    row.acted = t.n;
    row.medianHours = t.median === null ? null : Math.round(Number(t.median) * 10) / 10;
    stages.set(t.stage, row);
  }
  return [...stages.values()];
}

const SORT_SQL: Record<DrillInput["sort"], string> = {
  ratedOn: "r.rated_on",
  grade: "array_position(ARRAY_GRADES, r.grade)",
  customerName: "c.name",
  customerCode: "c.code",
  institution: "r.institution_id",
};

/** The condition a clicked bar adds to the filter (values are bound parameters, columns from an allow-list). */
export function drillWhere(f: ScopedFilter, dimension: DrillInput["dimension"], value: string | undefined): SQL {
  const base = ratingWhere(f);
  if (!dimension) return base;
  if (dimension === "quarter") {
    if (!value || !/^\d{4}-Q[1-4]$/.test(value)) return base;
    return sql`${base} and to_char(date_trunc('quarter', r.rated_on), 'YYYY-"Q"Q') = ${value}`;
  }
  if (dimension === "override") {
    const changed = sql`${base} and r.system_grade is not null and r.grade <> r.system_grade`;
    if (value === undefined || value === "" || value === "all") return changed;
    const n = Number(value);
    return sql`${changed} and (array_position(${gradeArray()}, r.system_grade) - array_position(${gradeArray()}, r.grade)) = ${Number.isInteger(n) ? n : 0}`;
  }
  const col = sql.raw(`r.${DIMENSION_COLUMN[dimension]}`);
  return value === undefined || value === "" ? sql`${base} and ${col} is null` : sql`${base} and ${col}::text = ${value}`;
}

export interface RatingListRow {
  id: string;
  customerCode: string;
  customerName: string;
  customerType: string;
  institutionId: number;
  institutionName: string;
  industryCode: string | null;
  regionCode: string | null;
  modelKey: string | null;
  systemGrade: string | null;
  grade: string;
  pd: string | null;
  ratedOn: string;
  status: string;
}

const LIST_COLUMNS = sql`r.id::text as id, c.code as "customerCode", c.name as "customerName", r.customer_type as "customerType",
  r.institution_id as "institutionId", i.name_zh as "institutionName", r.industry_code as "industryCode", r.region_code as "regionCode",
  r.model_key as "modelKey", r.system_grade as "systemGrade", r.grade, r.pd::text as pd, r.rated_on::text as "ratedOn", r.status::text as status`;

/** One page of the ratings behind a bar; `knownTotal` (from the pre-aggregates) saves the count over the whole set. */
export async function listRatings(db: Queryable, f: ScopedFilter, d: Pick<DrillInput, "dimension" | "value" | "sort" | "dir" | "page" | "pageSize">, knownTotal: number | null = null): Promise<{ rows: RatingListRow[]; total: number }> {
  const where = drillWhere(f, d.dimension, d.value);
  const order = sql.raw(`${SORT_SQL[d.sort].replace("ARRAY_GRADES", `array[${GRADES.map((g) => `'${g}'`).join(",")}]::text[]`)} ${d.dir === "asc" ? "asc" : "desc"}, r.id`);
  const [rows, total] = await Promise.all([
    db.execute(sql`select ${LIST_COLUMNS} from ratings r join customers c on c.id = r.customer_id join institutions i on i.id = r.institution_id
      where ${where} order by ${order} limit ${d.pageSize} offset ${(d.page - 1) * d.pageSize}`),
    knownTotal === null ? db.execute(sql`select count(*)::int as n from ratings r where ${where}`) : null,
  ]);
  return { rows: rowsOf<RatingListRow>(rows), total: total === null ? knownTotal! : rowsOf<{ n: number }>(total)[0].n };
}

/**
 * Every rating matching `where`, in batches of `batch`, for the exports. On PostgreSQL one statement read through
 * a server-side cursor (one scan and one snapshot; paging by id would re-read the skipped rows of other
 * institutions on every page); on PGlite, which has no cursor here, keyset pages by id. Memory stays one batch.
 */
export async function* ratingBatches(db: Queryable, client: postgres.Sql | undefined, where: SQL, batch: number): AsyncGenerator<RatingListRow[]> {
  if (client) {
    const q = new PgDialect().sqlToQuery(sql`select ${LIST_COLUMNS} from ratings r join customers c on c.id = r.customer_id
      join institutions i on i.id = r.institution_id where ${where} order by r.id`);
    for await (const rows of client.unsafe(q.sql, q.params as postgres.ParameterOrJSON<never>[]).cursor(batch)) yield rows as unknown as RatingListRow[];
    return;
  }
  let after: string | null = null;
  for (;;) {
    const page = await ratingPageAfter(db, where, after, batch);
    if (!page.length) return;
    yield page;
    after = page[page.length - 1].id;
  }
}

/** Keyset page for exports (ordered by id, so memory stays flat and no offset scan grows). */
export async function ratingPageAfter(db: Queryable, where: SQL, afterId: string | null, limit: number): Promise<RatingListRow[]> {
  const after = afterId ? sql` and r.id > ${afterId}::uuid` : sql``;
  return rowsOf<RatingListRow>(await db.execute(sql`select ${LIST_COLUMNS} from ratings r join customers c on c.id = r.customer_id
    join institutions i on i.id = r.institution_id where ${where}${after} order by r.id limit ${limit}`));
}

export async function institutionNames(db: Queryable, ids: number[]): Promise<Map<number, { zh: string; en: string; path: string }>> {
  if (!ids.length) return new Map();
  const res = rowsOf<{ id: number; zh: string; en: string; path: string }>(await db.execute(sql`select id, name_zh as zh, name_en as en, path from institutions where id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`));
  return new Map(res.map((r) => [r.id, { zh: r.zh, en: r.en, path: r.path }]));
}

export async function institutionPath(db: Queryable, id: number): Promise<string | null> {
  return rowsOf<{ path: string }>(await db.execute(sql`select path from institutions where id = ${id}`))[0]?.path ?? null;
}

export async function modelKeys(db: Queryable): Promise<string[]> {
  return rowsOf<{ k: string }>(await db.execute(sql`select key as k from rating_models order by key`)).map((r) => r.k);
}

export async function codeLabels(db: Queryable, listType: string, codes: string[]): Promise<Map<string, { zh: string; en: string }>> {
  if (!codes.length) return new Map();
  const res = rowsOf<{ code: string; zh: string; en: string }>(await db.execute(sql`select code, name_zh as zh, name_en as en from code_lists
    where list_type = ${listType} and code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`));
  return new Map(res.map((r) => [r.code, { zh: r.zh, en: r.en }]));
}

export async function usersNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const res = rowsOf<{ id: string; name: string }>(await db.execute(sql`select id::text as id, display_name as name from users where id in (${sql.join(ids.map((c) => sql`${c}::uuid`), sql`, `)})`));
  return new Map(res.map((r) => [r.id, r.name]));
}

export async function institutionsInScope(db: Queryable, scopePath: string): Promise<{ id: number; zh: string; en: string; level: number }[]> {
  return rowsOf(await db.execute(sql`select id, name_zh as zh, name_en as en, level from institutions where path like ${likePrefix(scopePath)} order by path`));
}

/** The first and last rating dates (the preset periods offered run between them). */
export async function ratedRange(db: Queryable): Promise<{ first: string; last: string } | null> {
  const [r] = rowsOf<{ first: string | null; last: string | null }>(await db.execute(sql`select min(rated_on)::text as first, max(rated_on)::text as last from ratings`));
  return r.first && r.last ? { first: r.first, last: r.last } : null;
}
