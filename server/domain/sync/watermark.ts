/**
 * Incremental sync watermark: the latest ACCESSTIME (report records) and RECORDMONTH (customer information)
 * a successful run has seen. The next incremental run takes every customer with a record accessed at or after
 * the ACCESSTIME mark or an information row of a later month, and re-reads those customers whole. The
 * ACCESSTIME bound is inclusive on purpose: records delivered later with the same timestamp are not lost, and
 * re-reading the boundary costs nothing because unchanged customers are skipped by checksum. RECORDMONTH is a
 * monthly snapshot with no time of day, so it is exclusive (otherwise every run would re-read the whole current
 * month); a correction inside an already-synced month is picked up by the next full run.
 */
export interface Watermark {
  accessTime: string | null; // YYYY-MM-DD HH:MM:SS
  recordMonth: string | null; // YYYY-MM
}

export const EMPTY_WATERMARK: Watermark = { accessTime: null, recordMonth: null };

export function parseWatermark(text: string | null | undefined): Watermark {
  if (!text) return { ...EMPTY_WATERMARK };
  try {
    const v = JSON.parse(text) as Partial<Watermark>;
    return {
      accessTime: typeof v.accessTime === "string" && isAccessTime(v.accessTime) ? v.accessTime : null,
      recordMonth: typeof v.recordMonth === "string" && isRecordMonth(v.recordMonth) ? v.recordMonth : null,
    };
  } catch {
    return { ...EMPTY_WATERMARK };
  }
}

export function formatWatermark(w: Watermark): string {
  return JSON.stringify({ accessTime: w.accessTime, recordMonth: w.recordMonth });
}

/** The later of the two marks, field by field (the fixed-width formats compare as text). */
export function advanceWatermark(w: Watermark, seen: Partial<Watermark>): Watermark {
  const max = (a: string | null, b: string | null | undefined) => (b && (!a || b > a) ? b : a);
  return { accessTime: max(w.accessTime, seen.accessTime ?? null), recordMonth: max(w.recordMonth, seen.recordMonth ?? null) };
}

/** Whether an incremental run must read this customer. An empty watermark takes everything. */
export function isAfterWatermark(w: Watermark, row: { recordMonth?: string | null; accessTime?: string | null }): boolean {
  if (!w.accessTime && !w.recordMonth) return true;
  if (row.accessTime && w.accessTime && row.accessTime >= w.accessTime) return true;
  if (row.recordMonth && w.recordMonth && row.recordMonth > w.recordMonth) return true;
  return false;
}

export function isRecordMonth(s: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 1900;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const ACCESS_TIME_RE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number of two digits at `i` (the caller has checked they are digits). */
const two = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);

/** `YYYY-MM-DD` at the start of `s` is a calendar date (the format checked by the caller); no Date object per call. */
function validDay(s: string): boolean {
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false; // no real record is dated before the year 100
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

export function isDate(s: string): boolean {
  return DATE_RE.test(s) && validDay(s);
}

export function isAccessTime(s: string): boolean {
  return ACCESS_TIME_RE.test(s) && validDay(s) && two(s, 11) < 24 && two(s, 14) < 60 && two(s, 17) < 60;
}

/** `YYYY-MM-DDTHH:MM:SS` -> `YYYY-MM-DD HH:MM:SS` */
export function normalizeAccessTime(s: string): string {
  return s.replace("T", " ");
}
