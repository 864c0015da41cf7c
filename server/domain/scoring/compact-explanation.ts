/**
 * The explanation stored with a batch re-rating result (`rating_results.kind = 'batch'`).
 *
 * A batch writes one result per customer of a whole book, and PostgreSQL parses every number of every stored
 * jsonb value (about 0.2 µs each here). The full `RatingResult` (about 3.8 kB) cost ten times the rest of the write.
 * Version 1 kept, per factor, key, raw value, bin, points and contribution (about 790 characters, 1.6 kB as jsonb).
 * Version 2 keeps only what depends on the customer: per factor, in model order, the raw value (6 significant
 * digits) and the bin or option it fell into; then the caps that applied, the logistic score and the limit.
 * Key, points and contribution are functions of (model version, bin): `expandCompactExplanation` reads them from
 * the immutable version. Nothing is lost: `rate(version, snapshot)` re-derives the full result, whose compact form
 * equals the stored one (tested over every default model and hostile inputs).
 *
 *   { "v": 2, "f": [[raw, bin | option], ...], "caps": [maxGrade, ...], "lnOdds": n | null,
 *     "limit": [base, coefficient, industryCoefficient, debtCapacity, existingDebt, riskLimit] }
 */
import type { MasterScale, ModelDefinition } from "./model-schema";
import { prepareModel } from "./prepared-model";
import type { RatingResult } from "./rating-types";

export const COMPACT_EXPLANATION_VERSION = 2;

export type CompactFactor = [raw: number | string | null, binOrOption: number | string | null];

export interface CompactExplanation {
  v: typeof COMPACT_EXPLANATION_VERSION;
  f: CompactFactor[];
  caps: string[];
  lnOdds: number | null;
  limit: [base: number | null, coefficient: number, industryCoefficient: number, debtCapacity: number, existingDebt: number | null, riskLimit: number];
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact doubles
const ZEROS = Array.from({ length: 18 }, (_, i) => "0".repeat(i));

/**
 * The general case: scale by a power of ten, round, and let `String` print the double nearest the decimal. Powers of
 * ten are exact doubles only up to 1e22; beyond that `toPrecision` (slower, always right) does it.
 */
function shortByScaling(n: number): string {
  const exponent = Math.floor(Math.log10(Math.abs(n)));
  if (exponent > 27 || exponent < -17) return String(Number(n.toPrecision(6)));
  if (exponent >= 5) return String(Math.round(n / POW10[exponent - 5]) * POW10[exponent - 5]);
  return String(Math.round(n * POW10[5 - exponent]) / POW10[5 - exponent]);
}

/**
 * A number as JSON with at most 6 significant digits (what a report shows of a ratio), never NaN or Infinity.
 * Ratios between 1e-11 and 1e5 (nearly all of them) are written from their 6-digit integer mantissa with the decimal
 * point placed by hand, four times faster than formatting a double: a batch writes about 17 of these per customer.
 * Anything else, and the rare mantissa that rounds up to 7 digits, takes the general path.
 */
export function shortNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "null";
  if (n === 0 || Number.isInteger(n)) return String(n);
  const a = n < 0 ? -n : n;
  if (!(a >= 1e-11 && a < 1e5)) return shortByScaling(n);
  let e = 4; // 10^e <= a < 10^(e+1)
  while (a < POW10[e + 11] / 1e11) e--;
  const decimals = 5 - e;
  const m = Math.round(a * POW10[decimals]);
  if (m < 1e5 || m >= 1e6) return shortByScaling(n);
  let digits = String(m);
  let keep = 6;
  while (keep > 6 - decimals && digits.charCodeAt(keep - 1) === 48) keep--; // trailing zeros of the fraction
  const fraction = decimals - (6 - keep);
  digits = digits.slice(0, keep);
  const text = keep > fraction ? digits.slice(0, keep - fraction) + (fraction ? "." + digits.slice(keep - fraction) : "") : "0." + ZEROS[fraction - keep] + digits;
  return n < 0 ? "-" + text : text;
}

/**
 * An amount already rounded to the fen by the engine, kept exactly: written from its whole number of fen, which
 * reads back as the same double (the engine's amount is the double nearest that decimal), twice as fast as `String`.
 */
export function moneyJson(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return "null";
  if (Number.isInteger(n) || !(Math.abs(n) < 1e13)) return String(n);
  const fen = Math.round(n * 100);
  if (fen / 100 !== n) return String(n); // not a rounded amount after all
  const digits = String(fen < 0 ? -fen : fen).padStart(3, "0");
  const units = digits.slice(0, -2);
  const cents = digits.charCodeAt(digits.length - 1) === 48 ? digits.slice(-2, -1) : digits.slice(-2);
  return (fen < 0 ? "-" : "") + units + "." + cents;
}

const PLAIN = /^[\w.-]*$/;
/** Codes and grades are plain identifiers, written without the cost of `JSON.stringify`; anything else is escaped. */
export function textJson(s: string | null): string {
  return s === null ? "null" : PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

/** The compact explanation as a JSON text, built directly (no intermediate objects: it runs once per customer). */
export function compactExplanationJson(r: RatingResult): string {
  let f = "";
  for (const i of r.indicators) {
    const raw = typeof i.raw === "number" ? shortNumber(i.raw) : textJson(i.raw);
    const bin = i.optionCode !== null ? textJson(i.optionCode) : i.binIndex === null ? "null" : String(i.binIndex);
    f += (f ? ",[" : "[") + raw + "," + bin + "]";
  }
  let caps = "";
  for (const c of r.appliedCaps) caps += (caps ? "," : "") + textJson(c.maxGrade);
  const l = r.limit;
  return (
    `{"v":${COMPACT_EXPLANATION_VERSION},"f":[${f}],"caps":[${caps}],"lnOdds":${shortNumber(r.lnOdds)},` +
    `"limit":[${moneyJson(l.base)},${shortNumber(l.coefficient)},${shortNumber(l.industryCoefficient)},${moneyJson(l.debtCapacity)},${moneyJson(l.existingDebt)},${moneyJson(l.riskLimit)}]}`
  );
}

export function compactExplanation(r: RatingResult): CompactExplanation {
  return JSON.parse(compactExplanationJson(r)) as CompactExplanation;
}

export interface ExpandedFactor {
  key: string;
  raw: number | string | null;
  binIndex: number | null;
  optionCode: string | null;
  /** Points (scorecard) or scaled value (PD model) of the bin or option, or the model's `missing` value. */
  value: number;
  contribution: number;
  missing: boolean;
}

/**
 * The per-factor explanation of a stored compact explanation, read against the model version it was scored with
 * (batch results carry no adjustments, so every multiplier is 1, as in `rate()` without adjustments).
 */
export function expandCompactExplanation(model: ModelDefinition, scale: MasterScale, c: CompactExplanation): ExpandedFactor[] {
  const prepared = prepareModel(model, scale);
  return prepared.indicators.map((ind, j) => {
    const [raw, at] = c.f[j] ?? [null, null];
    let value = ind.missingValue;
    let binIndex: number | null = null;
    let optionCode: string | null = null;
    if (ind.isChoice && typeof at === "string" && ind.optionIndexByCode.has(at)) {
      optionCode = at;
      value = ind.optionValue[ind.optionIndexByCode.get(at)!];
    } else if (!ind.isChoice && typeof at === "number" && at >= 0 && at < ind.binValue.length) {
      binIndex = at;
      value = ind.binValue[at];
    }
    const contribution = ind.coefficient * 1 * value + 0;
    return { key: ind.key, raw, binIndex, optionCode, value, contribution, missing: binIndex === null && optionCode === null };
  });
}
