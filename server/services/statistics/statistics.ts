import "server-only";
import { getDb, type Queryable } from "@/db/client";
import * as data from "@/server/data/statistics";
import * as rollup from "@/server/data/stats-rollup";
import * as pre from "@/server/data/stats-rollup-read";
import { isPresetPair, migrationPairs, presetChoices, presetPeriod, quarterEnds, wholeQuarters } from "@/server/domain/statistics/periods";
import { DomainError } from "@/server/domain/errors";
import { buildMigrationMatrix, sortGrades, type Dimension, type DrillInput, type StatsFilter } from "@/server/domain/statistics/filters";
import type { CurrentUser } from "@/server/auth/session";

export type Label = { zh: string; en: string };

/**
 * The institution path figures are limited to: the actor's subtree, or a narrower institution inside it. An
 * institution outside the actor's subtree is refused (never silently widened or replaced).
 */
export async function resolveScope(db: Queryable, actor: CurrentUser, filter: StatsFilter): Promise<data.ScopedFilter> {
  if (!actor.institutionPath) throw new DomainError("FORBIDDEN");
  let scopePath = actor.institutionPath;
  if (filter.institutionId) {
    const p = await data.institutionPath(db, filter.institutionId);
    if (!p || !p.startsWith(actor.institutionPath)) throw new DomainError("FORBIDDEN");
    scopePath = p;
  }
  return { ...filter, scopePath };
}

const LIST_TYPE: Partial<Record<Dimension, string>> = { region: "region", industry: "industry", nature: "customer_nature" };

export interface DimensionRow { key: string | null; label: Label | null; customers: number; ratings: number }

async function labelled(db: Queryable, dim: Dimension, rows: data.CountRow[]): Promise<DimensionRow[]> {
  const keys = rows.map((r) => r.key).filter((k): k is string => k !== null);
  let labels = new Map<string, Label>();
  if (dim === "institution") labels = new Map([...(await data.institutionNames(db, keys.map(Number)))].map(([k, v]) => [String(k), { zh: v.zh, en: v.en }]));
  else if (LIST_TYPE[dim]) labels = await data.codeLabels(db, LIST_TYPE[dim]!, keys);
  const out = rows.map((r) => ({ key: r.key, label: r.key === null ? null : labels.get(r.key) ?? null, customers: r.customers, ratings: r.ratings }));
  return dim === "grade" ? sortGrades(out) : out.sort((a, b) => b.customers - a.customers || String(a.key).localeCompare(String(b.key)));
}

/**
 * Where a figure comes from: "rollup" (pre-aggregated, exact as of `asOf`; `pending` if newer ratings are
 * waiting for the next refresh) or "live" (queried now). The page shows both.
 */
export interface Freshness { source: "rollup" | "live"; asOf: string; pending: boolean }

function live(): Freshness {
  return { source: "live", asOf: new Date().toISOString(), pending: false };
}

async function presetFreshness(db: Queryable, periods: string[]): Promise<Freshness | null> {
  const state = await rollup.rollupState(db, periods);
  if (!state.usable) return null;
  return { source: "rollup", asOf: state.builtAt ?? new Date().toISOString(), pending: state.pending };
}

export async function countsFor(actor: CurrentUser, filter: StatsFilter, dim: Dimension, db: Queryable = getDb()) {
  const f = await resolveScope(db, actor, filter);
  const period = presetPeriod(f.from, f.to);
  const fresh = period ? await presetFreshness(db, [period]) : null;
  const [rows, totals] = fresh && period
    ? await Promise.all([pre.countByDimension(db, f, period, dim), pre.countCustomers(db, f, period)])
    : await data.inRangeScanSnapshot(db, async (tx) => {
      const counted = await data.countByDimension(tx, f, dim);
      return [counted, data.totalsOf(counted)] as const;
    });
  return { dimension: dim, rows: await labelled(db, dim, rows), totalCustomers: totals.customers, totalRatings: totals.ratings, ...(fresh ?? live()) };
}

export async function quarterly(actor: CurrentUser, filter: StatsFilter, db: Queryable = getDb()) {
  const f = await resolveScope(db, actor, filter);
  const whole = wholeQuarters(f.from, f.to);
  const quarters = whole === "all" ? await rollup.knownQuarters(db) : whole;
  const fresh = quarters ? await presetFreshness(db, quarters) : null;
  const cells = fresh && quarters ? await pre.gradeByQuarter(db, f, quarters) : await data.inRangeScanSnapshot(db, (tx) => data.gradeByQuarter(tx, f));
  const shown = [...new Set(cells.map((c) => c.quarter))].sort();
  const grades = sortGrades([...new Set(cells.map((c) => c.grade))].map((g) => ({ key: g }))).map((g) => g.key!);
  const rows = shown.map((q) => {
    const byGrade: Record<string, number> = {};
    for (const g of grades) byGrade[g] = 0;
    for (const c of cells) if (c.quarter === q) byGrade[c.grade] = c.customers;
    return { quarter: q, byGrade, total: Object.values(byGrade).reduce((s, v) => s + v, 0) };
  });
  return { grades, rows, ...(fresh ?? live()) };
}

export async function migration(actor: CurrentUser, filter: StatsFilter, fromDate: string, toDate: string, db: Queryable = getDb()) {
  const f = await resolveScope(db, actor, filter);
  let fresh: Freshness | null = null;
  if (isPresetPair(fromDate, toDate)) {
    const state = await rollup.pairState(db, { from: fromDate, to: toDate });
    if (state.usable) fresh = { source: "rollup", asOf: state.builtAt!, pending: state.pending };
  }
  const cells = fresh ? await pre.migrationCells(db, f, fromDate, toDate) : await data.inRangeScanSnapshot(db, (tx) => data.migrationCells(tx, f, fromDate, toDate));
  return { fromDate, toDate, ...buildMigrationMatrix(cells), ...(fresh ?? live()) };
}

export async function pipeline(actor: CurrentUser, filter: StatsFilter, db: Queryable = getDb()) {
  const f = await resolveScope(db, actor, filter);
  return { rows: await data.pipeline(db, f) };
}

export type OverrideBy = "rater" | "institution" | "model" | "notches";

export async function overrides(actor: CurrentUser, filter: StatsFilter, by: OverrideBy, db: Queryable = getDb()) {
  const f = await resolveScope(db, actor, filter);
  const period = presetPeriod(f.from, f.to);
  const fresh = period ? await presetFreshness(db, [period]) : null;
  const rows = fresh && period ? await pre.overrides(db, f, period, by) : await data.inRangeScanSnapshot(db, (tx) => data.overrides(tx, f, by));
  let labels = new Map<string, Label>();
  if (by === "institution") labels = new Map([...(await data.institutionNames(db, rows.map((r) => Number(r.key)).filter(Boolean)))].map(([k, v]) => [String(k), { zh: v.zh, en: v.en }]));
  const out = rows.map((r) => ({
    key: r.key,
    label: by === "rater" ? (r.label ? { zh: r.label, en: r.label } : null) : r.key ? labels.get(r.key) ?? null : null,
    total: r.total,
    overridden: r.overridden,
    share: r.total ? Math.round((r.overridden / r.total) * 1000) / 10 : 0,
  }));
  if (by === "notches") out.sort((a, b) => Number(a.key) - Number(b.key));
  else out.sort((a, b) => b.total - a.total);
  const total = out.reduce((s, r) => s + r.total, 0);
  const overridden = out.reduce((s, r) => s + r.overridden, 0);
  return { by, rows: out, total, overridden, share: total ? Math.round((overridden / total) * 1000) / 10 : 0, ...(fresh ?? live()) };
}

export async function listRatings(actor: CurrentUser, input: DrillInput, db: Queryable = getDb()) {
  const f = await resolveScope(db, actor, input.filter);
  // the count over the whole set comes from the pre-aggregates when they are exact now (built, nothing pending)
  const period = presetPeriod(f.from, f.to);
  const fresh = period ? await presetFreshness(db, [period]) : null;
  const known = fresh && !fresh.pending && period ? await pre.drillTotal(db, f, period, input.dimension, input.value) : null;
  return { ...(await data.listRatings(db, f, input, known)), page: input.page, pageSize: input.pageSize };
}

export async function filterOptions(actor: CurrentUser, db: Queryable = getDb()) {
  if (!actor.institutionPath) throw new DomainError("FORBIDDEN");
  const insts = await data.institutionsInScope(db, actor.institutionPath);
  const range = await data.ratedRange(db);
  const today = new Date().toISOString().slice(0, 10);
  const periods = range ? presetChoices(range.first, range.last > today ? range.last : today) : ["all"];
  const pairs = range ? migrationPairs(quarterEnds(range.first, today)).reverse().slice(0, 12) : [];
  return { institutions: insts, models: await data.modelKeys(db), periods, migrationPairs: pairs };
}
