/**
 * corporate-pd against hand-computed cases. Each case states its statements, the ratios worked out by hand from
 * them (plain arithmetic, written next to the numbers), the bin values looked up by hand, and the grade expected.
 * lnOdds, PD, score and limit are then computed with the SPEC 5.3 formulas by tests/unit/scoring/reference.ts,
 * which shares no code with the engine.
 */
import { describe, expect, it } from "vitest";
import { CORPORATE_PD_MODEL as model } from "@/server/domain/scoring/default-models/corporate-pd";
import { rate } from "@/server/domain/scoring/engine";
import type { RatingInput } from "@/server/domain/scoring/rating-types";
import { referenceLimit, referenceRate, type Raw } from "./reference";
import { scale } from "./helpers";

interface Case {
  name: string;
  input: RatingInput;
  raws: Record<string, Raw>;
  /** Bin / option values looked up by hand from docs/models.md. */
  values: Record<string, number>;
  grade: string;
  limit: { base: number | null; existingDebt: number | null };
}

const strong: Case = {
  name: "strong manufacturer",
  input: {
    statements: {
      current: { BS001: 200, BS002: 100, BS003: 100, BS004: 600, BS007: 1000, BS008: 50, BS010: 250, BS011: 50, BS012: 0, BS013: 350, BS014: 650, IS001: 1500, IS002: 1000, IS003: 10, IS005: 210, IS006: 160, CF001: 120 },
      previous: { BS002: 100, BS003: 100, BS007: 900, BS014: 600, IS001: 1300, IS006: 140 },
    },
    facts: { ql_management: "A", ql_industry_outlook: "A", ql_market_position: "A", ql_credit_history: "A", defaults_24m: 0 },
    industrySection: "C",
  },
  raws: {
    debt_ratio: 350 / 1000,
    current_ratio: 600 / 250,
    quick_ratio: (600 - 100) / 250,
    interest_coverage: (210 + 10) / 10,
    receivables_turnover: 1500 / 100,
    inventory_turnover: 1000 / 100,
    asset_turnover: 1500 / 950,
    roe: 160 / 625,
    roa: 160 / 950,
    net_margin: 160 / 1500,
    gross_margin: 500 / 1500,
    revenue_growth: 200 / 1300,
    profit_growth: 20 / 140,
    asset_growth: 100 / 900,
    ocf_to_liabilities: 120 / 350,
    management_quality: "A",
    industry_outlook: "A",
    market_position: "A",
    credit_history: "A",
  },
  values: {
    debt_ratio: 1, current_ratio: 1, quick_ratio: 1, interest_coverage: 1, receivables_turnover: 1,
    inventory_turnover: 1, // exactly 10: "below 10" is exclusive, so the open bin
    asset_turnover: 1, roe: 1, roa: 1, net_margin: 0.5, gross_margin: 0.5, revenue_growth: 1, profit_growth: 0.5,
    asset_growth: 0.5, ocf_to_liabilities: 1, management_quality: 1, industry_outlook: 1, market_position: 1, credit_history: 1,
  },
  grade: "AAA",
  limit: { base: Math.min(Math.max(120, 210 + 10) * 4, 650 * 1.5), existingDebt: 50 + 50 + 0 },
};

const typical: Case = {
  name: "typical borrower",
  input: {
    statements: {
      current: { BS001: 80, BS002: 200, BS003: 250, BS004: 700, BS007: 1000, BS008: 200, BS010: 600, BS011: 150, BS012: 0, BS013: 620, BS014: 380, IS001: 800, IS002: 640, IS003: 25, IS005: 45, IS006: 34, CF001: 50 },
      previous: { BS002: 180, BS003: 230, BS007: 950, BS014: 360, IS001: 760, IS006: 33 },
    },
    facts: { ql_management: "B", ql_industry_outlook: "B", ql_market_position: "C", ql_credit_history: "B", defaults_24m: 0 },
    industrySection: "F",
  },
  raws: {
    debt_ratio: 0.62,
    current_ratio: 700 / 600,
    quick_ratio: 450 / 600,
    interest_coverage: 70 / 25,
    receivables_turnover: 800 / 190,
    inventory_turnover: 640 / 240,
    asset_turnover: 800 / 975,
    roe: 34 / 370,
    roa: 34 / 975,
    net_margin: 34 / 800,
    gross_margin: 160 / 800,
    revenue_growth: 40 / 760,
    profit_growth: 1 / 33,
    asset_growth: 50 / 950,
    ocf_to_liabilities: 50 / 620,
    management_quality: "B",
    industry_outlook: "B",
    market_position: "C",
    credit_history: "B",
  },
  values: {
    debt_ratio: 0, current_ratio: 0, quick_ratio: -0.5, interest_coverage: 0, receivables_turnover: -0.5,
    inventory_turnover: -0.5, asset_turnover: 0.5, roe: 0.5, roa: 0, net_margin: 0, gross_margin: 0, revenue_growth: 0.5,
    profit_growth: 0, asset_growth: 0.5, ocf_to_liabilities: 0, management_quality: 0.4, industry_outlook: 0.4,
    market_position: -0.3, credit_history: 0.4,
  },
  // lnOdds = 5.3 + 0.435 = 5.735, PD = 0.32%
  grade: "BBB",
  limit: { base: Math.min(Math.max(50, 45 + 25) * 4, 380 * 1.5), existingDebt: 200 + 150 + 0 },
};

const weak: Case = {
  name: "weak, loss-making borrower",
  input: {
    statements: {
      current: { BS001: 20, BS002: 300, BS003: 400, BS004: 800, BS007: 1000, BS008: 400, BS010: 1000, BS011: 0, BS012: 0, BS013: 900, BS014: 100, IS001: 500, IS002: 460, IS003: 40, IS005: -30, IS006: -30, CF001: -20 },
      previous: { BS002: 200, BS003: 300, BS007: 1000, BS014: 130, IS001: 600, IS006: 5 },
    },
    facts: { ql_management: "C", ql_industry_outlook: "C", ql_market_position: "D", ql_credit_history: "C", defaults_24m: 0 },
    industrySection: "E",
  },
  raws: {
    debt_ratio: 0.9,
    current_ratio: 0.8, // exactly on the exclusive bound 0.8: the second bin
    quick_ratio: 0.4,
    interest_coverage: 10 / 40,
    receivables_turnover: 500 / 250,
    inventory_turnover: 460 / 350,
    asset_turnover: 0.5, // exactly on the exclusive bound 0.5: the third bin
    roe: -30 / 115,
    roa: -30 / 1000,
    net_margin: -30 / 500,
    gross_margin: 40 / 500,
    revenue_growth: -100 / 600,
    profit_growth: -35 / 5,
    asset_growth: 0,
    ocf_to_liabilities: -20 / 900,
    management_quality: "C",
    industry_outlook: "C",
    market_position: "D",
    credit_history: "C",
  },
  values: {
    debt_ratio: -1, current_ratio: -0.5, quick_ratio: -1, interest_coverage: -1, receivables_turnover: -1,
    inventory_turnover: -1, asset_turnover: 0, roe: -1, roa: -1, net_margin: -1, gross_margin: -1, revenue_growth: -1,
    profit_growth: -1, asset_growth: 0, ocf_to_liabilities: -1, management_quality: -0.3, industry_outlook: -0.3,
    market_position: -1, credit_history: -0.3,
  },
  // lnOdds = 5.3 - 3.15 - 0.6 = 1.55, PD = 17.5%
  grade: "CC",
  limit: { base: Math.min(Math.max(-20, -30 + 40) * 4, 100 * 1.5), existingDebt: 400 },
};

const firstTime: Case = {
  name: "first-time borrower: one period, no questionnaire",
  input: {
    statements: { current: strong.input.statements.current },
    facts: {},
  },
  raws: {
    ...strong.raws,
    receivables_turnover: null,
    inventory_turnover: null,
    asset_turnover: null,
    roe: null,
    roa: null,
    revenue_growth: null,
    profit_growth: null,
    asset_growth: null,
    management_quality: null,
    industry_outlook: null,
    market_position: null,
    credit_history: null,
  },
  values: {
    debt_ratio: 1, current_ratio: 1, quick_ratio: 1, interest_coverage: 1, receivables_turnover: -0.5,
    inventory_turnover: 0, // missing inventory turnover is neutral
    asset_turnover: -0.5, roe: -0.5, roa: -0.5, net_margin: 0.5, gross_margin: 0.5, revenue_growth: -0.5,
    profit_growth: -0.5, asset_growth: -0.5, ocf_to_liabilities: 1, management_quality: -0.5, industry_outlook: -0.5,
    market_position: -0.5, credit_history: -0.5,
  },
  // lnOdds = 5.3 + 1.825 (solvency, margins, cash flow) - 1.375 (missing history and answers) = 5.75, PD 0.32%
  grade: "BBB",
  limit: strong.limit,
};

const insolvent: Case = {
  name: "insolvent with a recent default (three caps)",
  input: {
    statements: {
      current: { BS001: 50, BS002: 100, BS003: 100, BS004: 500, BS007: 1000, BS008: 300, BS010: 400, BS011: 600, BS012: 100, BS013: 1100, BS014: -100, IS001: 1200, IS002: 800, IS003: 60, IS005: 200, IS006: 150, CF001: 180 },
      previous: { BS002: 100, BS003: 100, BS007: 1000, BS014: -200, IS001: 1000, IS006: 100 },
    },
    facts: { ql_management: "A", ql_industry_outlook: "A", ql_market_position: "A", ql_credit_history: "D", defaults_24m: 1 },
  },
  raws: {
    debt_ratio: 1.1,
    current_ratio: 500 / 400,
    quick_ratio: 400 / 400,
    interest_coverage: 260 / 60,
    receivables_turnover: 12,
    inventory_turnover: 8,
    asset_turnover: 1.2,
    roe: null, // average equity is negative: not meaningful
    roa: 0.15,
    net_margin: 150 / 1200,
    gross_margin: 400 / 1200,
    revenue_growth: 0.2,
    profit_growth: 0.5,
    asset_growth: 0,
    ocf_to_liabilities: 180 / 1100,
    management_quality: "A",
    industry_outlook: "A",
    market_position: "A",
    credit_history: "D",
  },
  values: {
    debt_ratio: -1, current_ratio: 0, quick_ratio: 0.5, interest_coverage: 0.5, receivables_turnover: 1,
    inventory_turnover: 0.5, asset_turnover: 1, roe: -0.5, roa: 1, net_margin: 1, gross_margin: 0.5, revenue_growth: 1,
    profit_growth: 1, asset_growth: 0, ocf_to_liabilities: 0.5, management_quality: 1, industry_outlook: 1,
    market_position: 1, credit_history: -1,
  },
  grade: "CCC",
  limit: { base: Math.min(Math.max(180, 260) * 4, -100 * 1.5), existingDebt: 300 + 600 + 100 },
};

const cases = [strong, typical, weak, firstTime, insolvent];

describe("corporate-pd: hand-computed cases", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = rate(model, scale, c.input);
    const expected = referenceRate(model, scale, c.raws, c.input.facts as Record<string, number | string>);

    // Raw values and looked-up values, indicator by indicator.
    for (const indicator of result.indicators) {
      const raw = c.raws[indicator.key];
      if (typeof raw === "number") expect(indicator.raw, indicator.key).toBeCloseTo(raw, 12);
      else expect(indicator.raw, indicator.key).toBe(raw);
      expect(indicator.missing, indicator.key).toBe(raw === null);
      expect(indicator.value, indicator.key).toBe(c.values[indicator.key]);
      expect(expected.values[indicator.key], `reference ${indicator.key}`).toBe(c.values[indicator.key]);
      const coefficient = model.indicators.find((i) => i.key === indicator.key)!.coefficient!;
      expect(indicator.contribution).toBeCloseTo(coefficient * c.values[indicator.key], 12);
      expect(indicator.multiplier).toBe(1);
    }

    expect(result.lnOdds).toBeCloseTo(expected.lnOdds!, 10);
    expect(result.modelPd).toBeCloseTo(expected.modelPd, 12);
    expect(result.modelGrade).toBe(expected.modelGrade);
    expect(Math.abs(result.score - expected.score)).toBeLessThanOrEqual(0.01);
    expect(result.cappedGrade).toBe(expected.cappedGrade);
    expect(result.grade).toBe(c.grade);
    expect(result.pd).toBeCloseTo(expected.pd, 12);
    expect(result.appliedCaps).toHaveLength(expected.appliedCapCount);
    expect(result.overrideNotches).toBe(0);
    expect(result).toMatchObject({ modelKey: "corporate-pd", modelVersion: 1 });

    const limit = referenceLimit(model, result.grade, c.limit.base ?? 0, c.limit.existingDebt ?? 0, c.input.industrySection);
    expect(result.limit.base).toBe(c.limit.base);
    expect(result.limit.existingDebt).toBe(c.limit.existingDebt);
    expect(result.limit.coefficient).toBe(limit.coefficient);
    expect(result.limit.industryCoefficient).toBe(limit.industry);
    expect(result.limit.debtCapacity).toBeCloseTo(limit.debtCapacity, 2);
    expect(result.limit.riskLimit).toBeCloseTo(limit.riskLimit, 2);
  });

  it("typical case: lnOdds 5.735 worked out by hand", () => {
    const result = rate(model, scale, typical.input);
    expect(result.lnOdds).toBeCloseTo(5.735, 12);
    expect(result.modelPd).toBeCloseTo(1 / (1 + Math.exp(5.735)), 15);
    // score = 600 - 20/ln2 * ln 50 + 20/ln2 * 5.735
    expect(result.score).toBe(Math.round((600 + (20 / Math.LN2) * (5.735 - Math.log(50))) * 100) / 100);
  });

  it("weak case: lnOdds 1.55 worked out by hand", () => {
    expect(rate(model, scale, weak.input).lnOdds).toBeCloseTo(1.55, 12);
  });

  it("strong case: the PD floor binds and the score stops at the floor's odds", () => {
    const result = rate(model, scale, strong.input);
    expect(result.modelPd).toBe(0.0003);
    const factor = 20 / Math.LN2;
    expect(result.score).toBeCloseTo(600 - factor * Math.log(50) + factor * Math.log(0.9997 / 0.0003), 2);
  });

  it("insolvent case: all three caps apply and the worst (CCC) wins, PD raised to CCC's 6.5%", () => {
    const result = rate(model, scale, insolvent.input);
    expect(result.appliedCaps.map((c) => c.maxGrade).sort()).toEqual(["B", "BB", "CCC"]);
    expect(result.appliedCaps.find((c) => c.indicator === "debt_ratio")).toMatchObject({ op: ">", value: 1, observed: 1.1 });
    expect(result.appliedCaps.find((c) => c.fact === "defaults_24m")).toMatchObject({ observed: 1, maxGrade: "CCC" });
    expect(result.modelGrade).not.toBe("CCC");
    expect(result.cappedGrade).toBe("CCC");
    expect(result.pd).toBe(0.065);
    // Negative equity: base is negative, so no debt capacity and no limit.
    expect(result.limit).toMatchObject({ base: -150, debtCapacity: 0, riskLimit: 0 });
  });

  it("strong case limit: 880 base, AAA coefficient 1.0, manufacturing 1.0, less 100 existing debt", () => {
    expect(rate(model, scale, strong.input).limit).toEqual({
      base: 880,
      coefficient: 1,
      industryCoefficient: 1,
      debtCapacity: 880,
      existingDebt: 100,
      riskLimit: 780,
    });
  });
});
