import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db, Queryable } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { latestUpTo } from "@/server/data/statistics";
import { GRADES } from "@/server/domain/statistics/filters";
import { migrationPairs, pairKey, periodBounds, quarterEnds, type DatePair } from "@/server/domain/statistics/periods";

/**
 * Pre-aggregated statistics (tables in db/schema/statistics.ts). Built per preset period from `ratings` in one
 * transaction per refresh; read by the statistics service when the filter's period is a preset one.
 */

const REFRESH_LOCK = 4_207_050;

function gradeArray(): SQL {
  return sql`array[${sql.join(GRADES.map((g) => sql`${g}`), sql`, `)}]::text[]`;
}

/** A Postgres array literal (drizzle would expand a JS array into a row); the values are dates or pair keys. */
function arrayLiteral(values: string[]): string {
  return `{${values.join(",")}}`;
}

function periodWhere(period: string): SQL {
  const b = periodBounds(period);
  return b ? sql`r.rated_on between ${b.from}::date and ${b.to}::date` : sql`true`;
}

/** The customer's latest rating in the period (the same test as the live queries'). */
function latestInPeriod(period: string): SQL {
  return latestUpTo(periodBounds(period)?.to);
}

/** One period's rows: customers at their latest rating in the period, every rating, and the override measures. */
async function buildPeriod(tx: Queryable, period: string): Promise<void> {
  await tx.execute(sql`delete from stats_rollup where period = ${period}`);
  await tx.execute(sql`
    insert into stats_rollup (period, institution_id, customer_type, model_key, measure, key, customers, ratings, overridden)
    with src as materialized (
      select r.institution_id, r.customer_type, r.model_key, r.grade, r.system_grade, r.region_code, r.industry_code, r.nature_code, r.rater_user_id,
        (${latestInPeriod(period)})::int as latest
      from ratings r where ${periodWhere(period)}
    )
    select ${period}, institution_id, customer_type, model_key, measure, key, sum(c)::int, sum(n)::int, sum(o)::int from (
      select s.institution_id, s.customer_type, s.model_key, m.measure, m.key, s.latest as c, 1 as n, 0 as o
      from src s cross join lateral (values ('grade', s.grade), ('region', s.region_code), ('industry', s.industry_code), ('nature', s.nature_code)) m(measure, key)
      union all
      select s.institution_id, s.customer_type, s.model_key, m.measure, m.key, 0, 1, (s.grade <> s.system_grade)::int
      from src s cross join lateral (values
        ('ovr_notches', (array_position(${gradeArray()}, s.system_grade) - array_position(${gradeArray()}, s.grade))::text),
        ('ovr_rater', s.rater_user_id::text)) m(measure, key)
      where s.system_grade is not null
    ) x group by institution_id, customer_type, model_key, measure, key`);
  await tx.execute(sql`insert into stats_rollup_built (period, built_at) values (${period}, now())
    on conflict (period) do update set built_at = excluded.built_at`);
}

/** The migration pairs ending on or after `since`: each customer's grade at both dates, by its attributes at the second. */
async function buildMigration(tx: Queryable, pairs: DatePair[]): Promise<void> {
  if (!pairs.length) return;
  const froms = pairs.map((p) => p.from);
  const tos = pairs.map((p) => p.to);
  const dates = [...new Set([...froms, ...tos])].sort();
  const maxDate = dates[dates.length - 1];
  await tx.execute(sql`delete from stats_migration_rollup m using (select unnest(${arrayLiteral(froms)}::date[]) f, unnest(${arrayLiteral(tos)}::date[]) t) p
    where m.from_date = p.f and m.to_date = p.t`);
  // A rating holds from its date until the customer's next rating; the one holding on date d is the latest on or before d.
  await tx.execute(sql`
    insert into stats_migration_rollup (from_date, to_date, institution_id, customer_type, model_key, from_grade, to_grade, customers)
    with at_date as materialized (
      select d.d, r.customer_id, r.grade, r.institution_id, r.customer_type, r.model_key
      from ratings r join unnest(${arrayLiteral(dates)}::date[]) d(d) on d.d >= r.rated_on and (r.superseded_on is null or d.d < r.superseded_on)
      where r.rated_on <= ${maxDate}::date
    ), pairs as (select unnest(${arrayLiteral(froms)}::date[]) f, unnest(${arrayLiteral(tos)}::date[]) t)
    select p.f, p.t, b.institution_id, b.customer_type, b.model_key, a.grade, b.grade, count(*)::int
    from pairs p join at_date b on b.d = p.t join at_date a on a.d = p.f and a.customer_id = b.customer_id
    group by p.f, p.t, b.institution_id, b.customer_type, b.model_key, a.grade, b.grade`);
  const keys = pairs.map(pairKey);
  await tx.execute(sql`insert into stats_rollup_built (period, built_at) select unnest(${arrayLiteral(keys)}::text[]), now()
    on conflict (period) do update set built_at = excluded.built_at`);
}

export interface RefreshResult { periods: string[]; migrationPairs: number; skipped: boolean }

/**
 * Rebuilds every dirty period (and the migration pairs a change can reach) in one repeatable-read transaction,
 * so each figure is exact as of that snapshot. One refresh at a time across instances: a second one skips.
 * A rating written during the refresh marks its period dirty again (its trigger waits for our delete of the
 * dirty row), so it is picked up by the next refresh.
 */
export async function refreshDirty(db: Db, today: string): Promise<RefreshResult> {
  return db.transaction(async (tx) => {
    const [{ ok }] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${REFRESH_LOCK}) as ok`));
    if (!ok) return { periods: [], migrationPairs: 0, skipped: true };
    const dirty = rowsOf<{ period: string; since: string }>(await tx.execute(sql`delete from stats_rollup_dirty returning period, since::text as since`));
    const periods = dirty.map((d) => d.period).filter((p) => p !== "migration").sort();
    for (const p of periods) await buildPeriod(tx, p);
    const mig = dirty.find((d) => d.period === "migration");
    // pairs a change can reach (ending on or after its date), and pairs never built (a new quarter has begun)
    const [{ first }] = rowsOf<{ first: string | null }>(await tx.execute(sql`select min(rated_on)::text as first from ratings`));
    const all = first ? migrationPairs(quarterEnds(first, today)) : [];
    const built = new Set(rowsOf<{ period: string }>(await tx.execute(sql`select period from stats_rollup_built where period like 'mig:%'`)).map((r) => r.period));
    const pairs = all.filter((p) => (mig && p.to >= mig.since) || !built.has(pairKey(p)));
    await buildMigration(tx, pairs);
    return { periods, migrationPairs: pairs.length, skipped: false };
  }, { isolationLevel: "repeatable read" });
}

/** Marks everything dirty (an admin's "rebuild", or after a restore). */
export async function markAllDirty(db: Queryable): Promise<void> {
  await db.execute(sql`insert into stats_rollup_dirty (period, since)
    select p, min(rated_on) from ratings, lateral (values (to_char(rated_on, 'YYYY-"Q"Q')), (to_char(rated_on, 'YYYY')), ('all'), ('migration')) v(p)
    group by p on conflict (period) do update set since = least(stats_rollup_dirty.since, excluded.since)`);
}

export interface RollupState {
  /** the pre-aggregates answer exactly as of builtAt (each period is built, or has never had a rating) */
  usable: boolean;
  /** the oldest build among the periods (null if none was ever built) */
  builtAt: string | null;
  /** ratings of these periods changed after they were built (the next refresh adds them) */
  pending: boolean;
}

/**
 * The state of preset periods. A period with no build and no change mark has never had a rating (the triggers,
 * and the migration that added them, mark every period a rating touches), so it is exactly empty.
 */
export async function rollupState(db: Queryable, periods: string[]): Promise<RollupState> {
  if (!periods.length) return { usable: true, builtAt: null, pending: false };
  const list = sql.join(periods.map((p) => sql`${p}`), sql`, `);
  const [row] = rowsOf<{ unbuilt_dirty: number; oldest: string | null; dirty: number }>(await db.execute(sql`
    select (select count(*)::int from stats_rollup_dirty d where d.period in (${list})
              and not exists (select 1 from stats_rollup_built b where b.period = d.period)) as unbuilt_dirty,
      (select to_char(min(built_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from stats_rollup_built where period in (${list})) as oldest,
      (select count(*)::int from stats_rollup_dirty where period in (${list})) as dirty`));
  return { usable: row.unbuilt_dirty === 0, builtAt: row.oldest, pending: row.dirty > 0 };
}

/** A migration pair is answered from the pre-aggregates only once built; pending if a change reaches its second date. */
export async function pairState(db: Queryable, pair: DatePair): Promise<RollupState> {
  const [row] = rowsOf<{ built: string | null; pending: boolean }>(await db.execute(sql`
    select (select to_char(built_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from stats_rollup_built where period = ${pairKey(pair)}) as built,
      exists (select 1 from stats_rollup_dirty where period = 'migration' and since <= ${pair.to}::date) as pending`));
  return { usable: row.built !== null, builtAt: row.built, pending: row.pending };
}

export async function dirtyCount(db: Queryable): Promise<number> {
  return rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from stats_rollup_dirty`))[0].n;
}

/** Every quarter that has been built or marked (the quarters that have, or had, ratings). */
export async function knownQuarters(db: Queryable): Promise<string[]> {
  return rowsOf<{ period: string }>(await db.execute(sql`select period from stats_rollup_built where period like '____-Q_'
    union select period from stats_rollup_dirty where period like '____-Q_' order by 1`)).map((r) => r.period);
}
