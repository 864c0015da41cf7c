/**
 * Preset periods of the pre-aggregated statistics: all time ('all'), a calendar year ('2025') and a calendar
 * quarter ('2025-Q3'); and the preset migration date pairs (consecutive quarter ends, consecutive year ends).
 * A filter that matches a preset exactly is answered from the pre-aggregates; any other is answered live.
 */

export interface DateRange { from: string; to: string }
export interface DatePair { from: string; to: string }

const QUARTER_END = ["03-31", "06-30", "09-30", "12-31"];
const QUARTER_START = ["01-01", "04-01", "07-01", "10-01"];

/** The dates a preset period covers (inclusive); null for 'all' and for a string that is no preset. */
export function periodBounds(period: string): DateRange | null {
  let m = /^(\d{4})$/.exec(period);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return { from: `${m[1]}-${QUARTER_START[Number(m[2]) - 1]}`, to: `${m[1]}-${QUARTER_END[Number(m[2]) - 1]}` };
  return null;
}

/** The preset period a rating-period filter is, or null if it is a custom range. */
export function presetPeriod(from: string | undefined, to: string | undefined): string | null {
  if (!from && !to) return "all";
  if (!from || !to || from.slice(0, 4) !== to.slice(0, 4)) return null;
  const year = from.slice(0, 4);
  if (from.slice(5) === "01-01" && to.slice(5) === "12-31") return year;
  const q = QUARTER_START.indexOf(from.slice(5));
  if (q >= 0 && to.slice(5) === QUARTER_END[q]) return `${year}-Q${q + 1}`;
  return null;
}

function quarterIndex(day: string): number {
  return Number(day.slice(0, 4)) * 4 + Math.floor((Number(day.slice(5, 7)) - 1) / 3);
}

function quarterLabel(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/**
 * The quarters of a range made of whole quarters ('2024-Q1' .. '2025-Q4'), 'all' for no range, or null if the
 * range cuts a quarter (the per-quarter chart is then answered live).
 */
export function wholeQuarters(from: string | undefined, to: string | undefined): string[] | "all" | null {
  if (!from && !to) return "all";
  if (!from || !to) return null;
  if (!QUARTER_START.includes(from.slice(5)) || !QUARTER_END.includes(to.slice(5))) return null;
  const a = quarterIndex(from);
  const b = quarterIndex(to);
  if (b < a) return null;
  return Array.from({ length: b - a + 1 }, (_, i) => quarterLabel(a + i));
}

/** The last day of the quarter a day falls in. */
export function quarterEndOf(day: string): string {
  const q = quarterIndex(day) % 4;
  return `${day.slice(0, 4)}-${QUARTER_END[q]}`;
}

/** Every quarter end from the quarter of `first` to the quarter of `last`, in order. */
export function quarterEnds(first: string, last: string): string[] {
  const out: string[] = [];
  for (let i = quarterIndex(first); i <= quarterIndex(last); i++) out.push(`${Math.floor(i / 4)}-${QUARTER_END[i % 4]}`);
  return out;
}

/** Consecutive quarter ends, and consecutive year ends, among the given quarter ends. */
export function migrationPairs(ends: string[]): DatePair[] {
  const pairs: DatePair[] = [];
  for (let i = 1; i < ends.length; i++) pairs.push({ from: ends[i - 1], to: ends[i] });
  const yearEnds = ends.filter((d) => d.endsWith("-12-31"));
  for (let i = 1; i < yearEnds.length; i++) pairs.push({ from: yearEnds[i - 1], to: yearEnds[i] });
  return pairs;
}

/** Whether a date pair has the shape of a preset pair (both quarter ends, one quarter or one year apart). */
export function isPresetPair(from: string, to: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return false;
  if (!QUARTER_END.includes(from.slice(5)) || !QUARTER_END.includes(to.slice(5))) return false;
  const gap = quarterIndex(to) - quarterIndex(from);
  return gap === 1 || (gap === 4 && from.endsWith("-12-31"));
}

/** The key under which a migration pair's build time is kept. */
export function pairKey(p: DatePair): string {
  return `mig:${p.from}:${p.to}`;
}

/** The preset periods a user can pick: all time, then each year (newest first) with its quarters. */
export function presetChoices(first: string, last: string): string[] {
  const out = ["all"];
  for (let y = Number(last.slice(0, 4)); y >= Number(first.slice(0, 4)); y--) {
    out.push(String(y));
    for (let q = 4; q >= 1; q--) {
      const label = `${y}-Q${q}`;
      const idx = quarterIndex(`${y}-${QUARTER_START[q - 1]}`);
      if (idx >= quarterIndex(first) && idx <= quarterIndex(last)) out.push(label);
    }
  }
  return out;
}
