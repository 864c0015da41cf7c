/**
 * Deterministic rounding for the few stored figures the engine rounds (score, money). Stored results must compare
 * exactly when a rating is re-derived, and money must round the way people read decimals: 1.005 -> 1.01, which
 * `Math.round(x * 100) / 100` gets wrong (1.005 * 100 = 100.49999...). Rounding the shortest decimal
 * representation via exponent notation avoids that. Halves round away from zero.
 */

/** Beyond this magnitude a double has no cent digits left to round. */
const NO_FRACTION_BEYOND = 1e15;

export function roundHalfAwayFromZero(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const magnitude = Math.abs(x);
  if (magnitude >= NO_FRACTION_BEYOND) return x;
  if (magnitude < 0.5 * 10 ** -decimals) return 0;
  // String(magnitude) is the shortest representation that round-trips; below 1e-6 it would use exponent
  // notation, which the guard above rules out for decimals <= 6.
  const scaled = Math.round(Number(`${magnitude}e${decimals}`));
  const rounded = Number(`${scaled}e-${decimals}`);
  return x < 0 ? -rounded : rounded + 0;
}

/** Money is kept in yuan with two decimals (cents / 分). */
export function roundMoney(x: number): number {
  return roundHalfAwayFromZero(x, 2);
}

export function roundScore(x: number): number {
  return roundHalfAwayFromZero(x, 2);
}
