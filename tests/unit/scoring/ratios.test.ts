import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateFormula, parseFormula, type Statements } from "@/server/domain/scoring/formula";
import * as ratios from "@/server/domain/scoring/ratios";
import { RATIO_FUNCTIONS, RATIOS, type RatioKey } from "@/server/domain/scoring/ratios";

const current = {
  BS001: 50, BS002: 120, BS003: 80, BS004: 400, BS007: 1000, BS008: 100, BS010: 250, BS011: 150, BS012: 50,
  BS013: 600, BS014: 400, IS001: 1200, IS002: 900, IS003: 20, IS004: 75, IS005: 80, IS006: 60, CF001: 90,
};
const previous = { BS002: 80, BS003: 120, BS007: 800, BS014: 350, IS001: 1000, IS006: 40 };
const full: Statements = { current, previous };

/** Expected values worked out by hand from the numbers above. */
const expected: Record<RatioKey, number> = {
  currentRatio: 400 / 250, // 1.6
  quickRatio: (400 - 80) / 250, // 1.28
  debtToAssets: 600 / 1000, // 0.6
  debtToEquity: 600 / 400, // 1.5
  returnOnAssets: 60 / 900, // average assets (1000 + 800) / 2
  returnOnEquity: 60 / 375, // average equity (400 + 350) / 2
  netMargin: 60 / 1200, // 0.05
  grossMargin: (1200 - 900) / 1200, // 0.25
  assetTurnover: 1200 / 900,
  receivablesTurnover: 1200 / 100, // average receivables (120 + 80) / 2
  inventoryTurnover: 900 / 100, // average inventory (80 + 120) / 2
  interestCoverage: (80 + 20) / 20, // 5
  debtServiceCoverage: 90 / (20 + 100), // 0.75
  operatingCashFlowToLiabilities: 90 / 600, // 0.15
  revenueGrowth: (1200 - 1000) / 1000, // 0.2
  profitGrowth: (60 - 40) / 40, // 0.5
  assetGrowth: (1000 - 800) / 800, // 0.25
  lnTotalAssets: Math.log(1000),
  lnRevenue: Math.log(1200),
};

/** For each ratio: an item whose absence makes it missing, and an item that, set to 0, divides by zero. */
type Zeroed = [period: "current" | "previous", item: string][];
const both = (item: string): Zeroed => [["current", item], ["previous", item]];
const dependencies: Record<RatioKey, { missing: string; zero: Zeroed }> = {
  currentRatio: { missing: "BS004", zero: [["current", "BS010"]] },
  quickRatio: { missing: "BS003", zero: [["current", "BS010"]] },
  debtToAssets: { missing: "BS013", zero: [["current", "BS007"]] },
  debtToEquity: { missing: "BS014", zero: [["current", "BS014"]] },
  returnOnAssets: { missing: "IS006", zero: both("BS007") },
  returnOnEquity: { missing: "BS014", zero: both("BS014") },
  netMargin: { missing: "IS006", zero: [["current", "IS001"]] },
  grossMargin: { missing: "IS002", zero: [["current", "IS001"]] },
  assetTurnover: { missing: "IS001", zero: both("BS007") },
  receivablesTurnover: { missing: "BS002", zero: both("BS002") },
  inventoryTurnover: { missing: "IS002", zero: both("BS003") },
  interestCoverage: { missing: "IS005", zero: [["current", "IS003"]] },
  debtServiceCoverage: { missing: "CF001", zero: [["current", "IS003"], ["current", "BS008"]] },
  operatingCashFlowToLiabilities: { missing: "CF001", zero: [["current", "BS013"]] },
  revenueGrowth: { missing: "IS001", zero: [["previous", "IS001"]] },
  profitGrowth: { missing: "IS006", zero: [["previous", "IS006"]] },
  assetGrowth: { missing: "BS007", zero: [["previous", "BS007"]] },
  lnTotalAssets: { missing: "BS007", zero: [["current", "BS007"]] },
  lnRevenue: { missing: "IS001", zero: [["current", "IS001"]] },
};

const viaFormula = (key: RatioKey, s: Statements) => evaluateFormula(parseFormula(RATIOS[key].formula), s);
const keys = Object.keys(RATIOS) as RatioKey[];

function without(record: Record<string, number>, item: string) {
  const copy = { ...record };
  delete copy[item];
  return copy;
}

describe("ratio calculators", () => {
  it("has a direct function for every documented ratio", () => {
    expect(Object.keys(RATIO_FUNCTIONS).sort()).toEqual([...keys].sort());
    for (const key of keys) expect((ratios as Record<string, unknown>)[key]).toBe(RATIO_FUNCTIONS[key]);
  });

  describe.each(keys)("%s", (key) => {
    const fn = RATIO_FUNCTIONS[key];
    const dep = dependencies[key];

    it("computes the hand-worked value, as function and as formula", () => {
      expect(fn(full)).toBeCloseTo(expected[key], 12);
      expect(viaFormula(key, full)).toBeCloseTo(expected[key], 12);
    });

    it(`is missing (null) without ${dep.missing}`, () => {
      const s = { current: without(current, dep.missing), previous: without(previous, dep.missing) };
      expect(fn(s)).toBeNull();
      expect(viaFormula(key, s)).toBeNull();
    });

    it("is missing (null) on division by zero (or the log of zero)", () => {
      const s: { current: Record<string, number>; previous: Record<string, number> } = { current: { ...current }, previous: { ...previous } };
      for (const [period, item] of dep.zero) s[period][item] = 0;
      expect(fn(s)).toBeNull();
      expect(viaFormula(key, s)).toBeNull();
    });

    it("is missing, never NaN or Infinity, without any data", () => {
      expect(fn({ current: {} })).toBeNull();
      expect(fn({} as Statements)).toBeNull();
      expect(viaFormula(key, { current: {} })).toBeNull();
    });
  });

  it("treats ratios over averages and growth as missing without a previous period", () => {
    const s = { current };
    for (const key of ["returnOnAssets", "returnOnEquity", "assetTurnover", "receivablesTurnover", "inventoryTurnover", "revenueGrowth", "profitGrowth", "assetGrowth"] as const) {
      expect(RATIO_FUNCTIONS[key](s), key).toBeNull();
    }
  });

  it("treats equity ratios of a company with negative equity as missing (not as a flattering positive ratio)", () => {
    const insolvent = { current: { ...current, BS014: -100, IS006: -50 }, previous: { ...previous, BS014: -80 } };
    expect(ratios.debtToEquity(insolvent)).toBeNull();
    expect(ratios.returnOnEquity(insolvent)).toBeNull();
    expect(viaFormula("returnOnEquity", insolvent)).toBeNull();
  });

  it("measures growth against |previous| so a shrinking loss counts as growth", () => {
    expect(ratios.profitGrowth({ current: { IS006: -10 }, previous: { IS006: -40 } })).toBeCloseTo(0.75, 12);
  });

  it("gives the same answer as its formula for arbitrary statements", () => {
    const items = ["BS002", "BS003", "BS004", "BS007", "BS008", "BS010", "BS013", "BS014", "IS001", "IS002", "IS003", "IS005", "IS006", "CF001"];
    const value = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 5 }), fc.constant(0));
    const record = fc.dictionary(fc.constantFrom(...items), value);
    fc.assert(
      fc.property(record, fc.option(record, { nil: undefined }), (cur, prev) => {
        const s = { current: cur, previous: prev };
        for (const key of keys) {
          const direct = RATIO_FUNCTIONS[key](s);
          const formula = viaFormula(key, s);
          if (direct === null || formula === null) expect(direct, key).toBe(formula);
          else expect(direct, key).toBeCloseTo(formula, 9);
          if (direct !== null) expect(Number.isFinite(direct)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
