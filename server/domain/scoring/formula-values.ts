/** How loosely typed input values become numbers for formulas, facts and ratios. */

const NUMERIC_TEXT = /^\s*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*$/;

/**
 * Reads a number from loosely typed input: finite numbers as they are, numeric text (database numerics and
 * form fields arrive as strings), booleans as 1/0. Anything else is missing (NaN).
 */
export function toFiniteNumber(value: unknown): number {
  if (typeof value === "number") return value - value === 0 ? value : NaN;
  if (typeof value === "string") {
    if (!NUMERIC_TEXT.test(value)) return NaN;
    const parsed = Number(value);
    return parsed - parsed === 0 ? parsed : NaN;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  return NaN;
}
