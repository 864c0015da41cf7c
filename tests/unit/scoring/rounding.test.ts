import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundHalfAwayFromZero, roundMoney } from "@/server/domain/scoring/rounding";

describe("rounding", () => {
  it("rounds money to cents the way decimals read, halves away from zero", () => {
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(2.675)).toBe(2.68);
    expect(roundMoney(-1.005)).toBe(-1.01);
    expect(roundMoney(0.125)).toBe(0.13);
    expect(roundMoney(1234567.891)).toBe(1234567.89);
    expect(roundMoney(339251088.835)).toBe(339251088.84);
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
  });

  it("never returns -0 and leaves huge and non-finite values alone", () => {
    expect(Object.is(roundMoney(-0.001), 0)).toBe(true);
    expect(Object.is(roundMoney(-0), 0)).toBe(true);
    expect(roundMoney(1e16)).toBe(1e16);
    expect(roundMoney(Number.NaN)).toBeNaN();
  });

  it("agrees with rounding the shortest decimal representation, for any amount", () => {
    const viaString = (x: number) => {
      const m = Math.abs(x);
      if (m < 0.005) return 0;
      const q = Number(`${Math.round(Number(`${m}e2`))}e-2`);
      return x < 0 ? -q : q;
    };
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e14, max: 1e14, noNaN: true }), fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000)), (x) => {
        expect(roundHalfAwayFromZero(x, 2)).toBe(viaString(x) + 0);
      }),
      { numRuns: 5000 },
    );
  });
});
