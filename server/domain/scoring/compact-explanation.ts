/**
 * The explanation stored with a batch re-rating result (`rating_results.kind = 'batch'`).
 *
 * A batch writes one result per customer of a whole book, and PostgreSQL parses every stored jsonb value: the full
 * `RatingResult` (about 3.8 kB, most of it 17-digit ratios and repeated key names) cost about 170 µs per row to
 * parse, ten times the rest of the write. The compact form keeps what a reader needs from each factor (its input
 * value to 6 significant digits, bin or option, points, contribution) in model order, the caps and the limit, in
 * about a fifth of the size. Nothing is lost: the row also stores the input snapshot and the model version, and
 * `rate(version, snapshot)` re-derives the full result, whose compact form equals the stored one (tested).
 *
 *   { "v": 1, "f": [[key, raw, bin | option, value, contribution], ...], "caps": [maxGrade, ...],
 *     "lnOdds": n | null, "limit": [base, coefficient, industryCoefficient, debtCapacity, existingDebt, riskLimit] }
 */
import type { RatingResult } from "./rating-types";

export const COMPACT_EXPLANATION_VERSION = 1;

export type CompactFactor = [key: string, raw: number | string | null, binOrOption: number | string | null, value: number, contribution: number];

export interface CompactExplanation {
  v: typeof COMPACT_EXPLANATION_VERSION;
  f: CompactFactor[];
  caps: string[];
  lnOdds: number | null;
  limit: [base: number | null, coefficient: number, industryCoefficient: number, debtCapacity: number, existingDebt: number | null, riskLimit: number];
}

/**
 * A number as JSON with at most 6 significant digits (what a report shows of a ratio), never NaN or Infinity.
 * Scaling by a power of ten and rounding is several times faster than `toPrecision`, and dividing (or multiplying)
 * by an exact power of ten gives the double nearest the decimal, which `String` prints in its short form.
 */
function short(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "null";
  if (n === 0 || Number.isInteger(n)) return String(n);
  const exponent = Math.floor(Math.log10(Math.abs(n)));
  if (exponent >= 5) return String(Math.round(n / 10 ** (exponent - 5)) * 10 ** (exponent - 5));
  const scale = 10 ** (5 - exponent);
  if (!Number.isFinite(scale) || exponent < -300) return String(Number(n.toPrecision(6))); // subnormals
  return String(Math.round(n * scale) / scale);
}

/** An amount already rounded to the fen by the engine: kept exactly. */
function money(n: number | null): string {
  return n === null || !Number.isFinite(n) ? "null" : String(n);
}

const PLAIN = /^[\w.-]*$/;
/** Keys, codes and grades are plain identifiers, written without the cost of `JSON.stringify`; anything else is escaped. */
function text(s: string | null): string {
  return s === null ? "null" : PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

/** The compact explanation as a JSON text, built directly (no intermediate objects: it runs once per customer). */
export function compactExplanationJson(r: RatingResult): string {
  let f = "";
  for (const i of r.indicators) {
    const raw = typeof i.raw === "number" ? short(i.raw) : text(i.raw);
    const bin = i.optionCode !== null ? text(i.optionCode) : i.binIndex === null ? "null" : String(i.binIndex);
    f += (f ? "," : "") + `[${text(i.key)},${raw},${bin},${short(i.value)},${short(i.contribution)}]`;
  }
  const caps = r.appliedCaps.map((c) => text(c.maxGrade)).join(",");
  const l = r.limit;
  return (
    `{"v":${COMPACT_EXPLANATION_VERSION},"f":[${f}],"caps":[${caps}],"lnOdds":${short(r.lnOdds)},` +
    `"limit":[${money(l.base)},${short(l.coefficient)},${short(l.industryCoefficient)},${money(l.debtCapacity)},${money(l.existingDebt)},${money(l.riskLimit)}]}`
  );
}

export function compactExplanation(r: RatingResult): CompactExplanation {
  return JSON.parse(compactExplanationJson(r)) as CompactExplanation;
}
