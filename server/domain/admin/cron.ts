/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), as the sync schedule uses them:
 * `*`, numbers, ranges `a-b`, steps (`*` or a range followed by `/n`), lists `a,b`, month and weekday names (JAN, MON).
 * Day of week 0-7 (0 and 7 are Sunday).
 */
export const CRON_FIELDS = ["minute", "hour", "dayOfMonth", "month", "dayOfWeek"] as const;
export type CronField = (typeof CRON_FIELDS)[number];

const RANGES: Record<CronField, [number, number]> = {
  minute: [0, 59],
  hour: [0, 23],
  dayOfMonth: [1, 31],
  month: [1, 12],
  dayOfWeek: [0, 7],
};
const NAMES: Partial<Record<CronField, string[]>> = {
  month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
  dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
};

export interface CronProblem {
  /** The field at fault, or `expression` when the shape is wrong. */
  field: CronField | "expression";
  token: string;
}

function value(field: CronField, token: string): number | null {
  const names = NAMES[field];
  if (names) {
    const i = names.indexOf(token.toUpperCase());
    if (i >= 0) return field === "month" ? i + 1 : i;
  }
  if (!/^\d{1,2}$/.test(token)) return null;
  const n = Number(token);
  const [lo, hi] = RANGES[field];
  return n >= lo && n <= hi ? n : null;
}

/** The set of values one field allows, or null when the field is malformed. */
export function parseCronField(field: CronField, text: string): Set<number> | null {
  const out = new Set<number>();
  const [lo, hi] = RANGES[field];
  for (const part of text.split(",")) {
    const m = /^([^/]+)(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) return null;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1 || step > hi) return null;
    let from: number | null;
    let to: number | null;
    if (m[1] === "*") {
      from = lo;
      to = hi;
    } else if (m[1].includes("-")) {
      const [a, b, extra] = m[1].split("-");
      if (extra !== undefined) return null;
      from = value(field, a);
      to = value(field, b);
      if (from === null || to === null || from > to) return null;
    } else {
      from = value(field, m[1]);
      if (from === null) return null;
      to = m[2] === undefined ? from : hi;
    }
    for (let v = from; v <= to; v += step) out.add(field === "dayOfWeek" && v === 7 ? 0 : v);
  }
  return out.size ? out : null;
}

export function cronProblems(expression: string): CronProblem[] {
  const parts = expression.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 5) return [{ field: "expression", token: expression }];
  const problems: CronProblem[] = [];
  parts.forEach((p, i) => {
    if (!parseCronField(CRON_FIELDS[i], p)) problems.push({ field: CRON_FIELDS[i], token: p });
  });
  return problems;
}

export function isValidCron(expression: string): boolean {
  return cronProblems(expression).length === 0;
}

/**
 * Whether `at` (UTC minute) matches the expression. Standard cron rule: when both day-of-month and day-of-week
 * are restricted, either may match.
 */
export function cronMatches(expression: string, at: Date): boolean {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return false;
  const sets = parts.map((p, i) => parseCronField(CRON_FIELDS[i], p));
  if (sets.some((s) => !s)) return false;
  const [min, hour, dom, mon, dow] = sets as Set<number>[];
  if (!min.has(at.getUTCMinutes()) || !hour.has(at.getUTCHours()) || !mon.has(at.getUTCMonth() + 1)) return false;
  const domAny = parts[2] === "*";
  const dowAny = parts[4] === "*";
  const d1 = dom.has(at.getUTCDate());
  const d2 = dow.has(at.getUTCDay());
  return domAny && dowAny ? true : domAny ? d2 : dowAny ? d1 : d1 || d2;
}
