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
  const unit = 10 ** decimals;
  const scaled = magnitude * unit;
  const fraction = scaled - Math.floor(scaled);
  let units: number;
  // The representation error of `scaled` grows with its size (about scaled * 2^-52); stay well clear of it.
  if (Math.abs(fraction - 0.5) > 1e-7 + scaled * 1e-14) {
    // Fast path: far from a half, binary representation error cannot change the result.
    units = Math.round(scaled);
  } else {
    // Near a half, decide on the shortest decimal representation (the digits people see): 1.005 -> 1.01.
    // String(magnitude) uses exponent notation only below 1e-6, where no half-cent case exists for decimals <= 4.
    units = Math.round(Number(`${magnitude}e${decimals}`));
  }
  // Integer / power of ten is correctly rounded in IEEE arithmetic: the nearest double to the decimal result.
  const rounded = units / unit;
  return x < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Money is kept in yuan with two decimals (cents / 分). */
export function roundMoney(x: number): number {
  return roundHalfAwayFromZero(x, 2);
}

export function roundScore(x: number): number {
  return roundHalfAwayFromZero(x, 2);
}
