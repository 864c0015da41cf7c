import { describe, expect, it } from "vitest";
import { DEFAULT_MODELS } from "@/server/domain/scoring/default-models";
import { rate } from "@/server/domain/scoring/engine";
import type { Bin } from "@/server/domain/scoring/model-schema";
import { nextUp } from "@/server/domain/scoring/prepared-model";
import { binValue } from "./reference";
import { scale, singleFactScorecard } from "./helpers";

function binOf(bins: Bin[], x: number) {
  const result = rate(singleFactScorecard(bins), scale, { statements: { current: {} }, facts: { x } });
  return result.indicators[0].binIndex;
}

describe("bins", () => {
  const bins: Bin[] = [
    { lt: 0, value: 0 }, // x < 0
    { lt: 10, inclusive: true, value: 1 }, // 0 <= x <= 10
    { lt: 20, value: 2 }, // 10 < x < 20
    { lt: null, value: 3 }, // x >= 20
  ];

  it("an exclusive bound (lt) puts the bound itself in the next bin", () => {
    expect(binOf(bins, -0.0001)).toBe(0);
    expect(binOf(bins, 0)).toBe(1);
    expect(binOf(bins, 19.9999)).toBe(2);
    expect(binOf(bins, 20)).toBe(3);
  });

  it("an inclusive bound (lt, inclusive: true) keeps the bound itself in its bin", () => {
    expect(binOf(bins, 10)).toBe(1);
    expect(binOf(bins, 10.0001)).toBe(2);
    expect(binOf(bins, 9.9999)).toBe(1);
  });

  it("the open last bin catches everything above, however large", () => {
    expect(binOf(bins, 1e300)).toBe(3);
    expect(binOf(bins, -1e300)).toBe(0);
  });

  it("a missing value takes no bin and scores the model's missing value", () => {
    const result = rate(singleFactScorecard(bins), scale, { statements: { current: {} }, facts: {} });
    expect(result.indicators[0]).toMatchObject({ binIndex: null, raw: null, missing: true, value: -1 });
  });

  it("inclusive bounds at zero and below zero keep their exact bound, and only it", () => {
    const signed: Bin[] = [
      { lt: -2.5, inclusive: true, value: 0 },
      { lt: 0, inclusive: true, value: 1 },
      { lt: null, value: 2 },
    ];
    expect(binOf(signed, -2.5)).toBe(0);
    expect(binOf(signed, nextUp(-2.5))).toBe(1);
    expect(binOf(signed, 0)).toBe(1);
    expect(binOf(signed, -0)).toBe(1);
    expect(binOf(signed, Number.MIN_VALUE)).toBe(2);
    expect(binOf(signed, -Number.MIN_VALUE)).toBe(1);
  });

  it("nextUp steps to the adjacent double", () => {
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextUp(-0)).toBe(Number.MIN_VALUE);
    expect(Object.is(nextUp(-Number.MIN_VALUE), -0)).toBe(true);
    expect(nextUp(-1)).toBe(-1 + Number.EPSILON / 2);
    // No double lies strictly between x and nextUp(x): their midpoint rounds to one of them.
    for (const x of [0.1, 1e-300, 123456.789, -7.25]) {
      const midpoint = (x + nextUp(x)) / 2;
      expect(nextUp(x)).toBeGreaterThan(x);
      expect(midpoint === x || midpoint === nextUp(x)).toBe(true);
    }
  });

  it("a single open bin takes every value", () => {
    expect(binOf([{ lt: null, value: 5 }], -3)).toBe(0);
  });

  // Every boundary of every binned indicator of the shipped models: just below, at, and just above.
  for (const model of DEFAULT_MODELS) {
    describe(model.key, () => {
      for (const indicator of model.indicators.filter((i) => i.bins)) {
        const indicatorBins = indicator.bins!;
        it(`${indicator.key}: every edge`, () => {
          indicatorBins.forEach((bin, j) => {
            if (bin.lt === null) return;
            const nudge = Math.max(Math.abs(bin.lt) * 1e-9, 1e-9);
            const atBound = bin.inclusive ? j : j + 1;
            expect(binOf(indicatorBins, bin.lt - nudge), `${indicator.key} just below ${bin.lt}`).toBe(j);
            expect(binOf(indicatorBins, bin.lt), `${indicator.key} at ${bin.lt}`).toBe(atBound);
            expect(binOf(indicatorBins, bin.lt + nudge), `${indicator.key} just above ${bin.lt}`).toBe(j + 1);
            // The independent reference lookup agrees.
            expect(binValue(indicatorBins, bin.lt).index).toBe(atBound);
          });
        });
      }
    });
  }
});
