/**
 * The three default scorecards against hand-computed cases: raw values worked out by hand, points looked up by hand
 * in the tables of docs/models.md and added up in the comments, then checked against both the engine and the
 * independent reference of tests/unit/scoring/reference.ts.
 */
import { describe, expect, it } from "vitest";
import { INDIVIDUAL_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/individual-scorecard";
import { PUBLIC_INSTITUTION_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/public-institution-scorecard";
import { SME_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/sme-scorecard";
import { rate } from "@/server/domain/scoring/engine";
import type { ModelDefinition } from "@/server/domain/scoring/model-schema";
import type { RatingInput } from "@/server/domain/scoring/rating-types";
import { referenceLimit, referenceRate, type Raw } from "./reference";
import { scale } from "./helpers";

interface Case {
  name: string;
  input: RatingInput;
  raws: Record<string, Raw>;
  score: number;
  modelGrade: string;
  grade: string;
  limit?: { base: number | null; existingDebt: number | null; debtCapacity: number; riskLimit: number };
}

function check(model: ModelDefinition, c: Case): void {
  const result = rate(model, scale, c.input);
  const expected = referenceRate(model, scale, c.raws, c.input.facts as Record<string, number | string>);
  for (const indicator of result.indicators) {
    const raw = c.raws[indicator.key];
    if (typeof raw === "number") expect(indicator.raw, indicator.key).toBeCloseTo(raw, 12);
    else expect(indicator.raw, indicator.key).toBe(raw);
    expect(indicator.missing, indicator.key).toBe(raw === null);
    expect(indicator.value, indicator.key).toBe(expected.values[indicator.key]);
    expect(indicator.contribution, indicator.key).toBe(expected.values[indicator.key]);
  }
  expect(result.score).toBe(c.score);
  expect(expected.score).toBe(c.score);
  expect(result.modelGrade).toBe(c.modelGrade);
  expect(expected.modelGrade).toBe(c.modelGrade);
  expect(result.grade).toBe(c.grade);
  expect(expected.cappedGrade).toBe(c.grade);
  expect(result.modelPd).toBe(scale.grades.find((g) => g.grade === c.modelGrade)!.pd);
  expect(result.pd).toBe(expected.pd);
  expect(result.appliedCaps).toHaveLength(expected.appliedCapCount);
  expect(result.lnOdds).toBeUndefined();
  expect("lnOdds" in result).toBe(false);
  if (c.limit) {
    expect(result.limit).toMatchObject(c.limit);
    const reference = referenceLimit(model, result.grade, c.limit.base ?? 0, c.limit.existingDebt ?? 0, c.input.industrySection);
    expect(result.limit.debtCapacity).toBeCloseTo(reference.debtCapacity, 2);
  }
}

// ---------------------------------------------------------------------------------------------------------

const smeStrongFacts = {
  years_in_business: 12,
  owner_experience_years: 15,
  collateral: "real_estate",
  bank_relationship_years: 6,
  tax_credit_level: "A",
  owner_credit: "clean",
  defaults_24m: 0,
};
const smeStrongStatements = {
  current: { BS004: 500, BS007: 1000, BS008: 100, BS010: 300, BS011: 50, BS013: 350, BS014: 650, IS001: 2000, IS006: 150 },
  previous: { IS001: 1700 },
};
const smeStrongRaws = {
  debt_ratio: 0.35,
  current_ratio: 500 / 300,
  net_margin: 150 / 2000,
  revenue_growth: 300 / 1700,
  years_in_business: 12,
  owner_experience: 15,
  collateral: "real_estate",
  bank_relationship: 6,
  tax_credit_level: "A",
  owner_credit: "clean",
};

const smeCases: Case[] = [
  {
    name: "strong SME",
    input: { statements: smeStrongStatements, facts: smeStrongFacts, industrySection: "C" },
    raws: smeStrongRaws,
    // 12 + 6 + 8 + 6 + 10 + 8 + 14 + 8 + 12 + 12
    score: 96,
    modelGrade: "AAA",
    grade: "AAA",
    // base min(2000 * 0.25, 650 * 2) = 500, AAA 1.0, manufacturing 1.0; existing 100 + 50
    limit: { base: 500, existingDebt: 150, debtCapacity: 500, riskLimit: 350 },
  },
  {
    name: "typical SME",
    input: {
      statements: {
        current: { BS004: 400, BS007: 1000, BS008: 200, BS010: 350, BS011: 100, BS013: 600, BS014: 400, IS001: 1500, IS006: 45 },
        previous: { IS001: 1450 },
      },
      facts: { years_in_business: 6, owner_experience_years: 8, collateral: "guarantee", bank_relationship_years: 2, tax_credit_level: "B", owner_credit: "clean", defaults_24m: 0 },
      industrySection: "F",
    },
    raws: {
      debt_ratio: 0.6,
      current_ratio: 400 / 350,
      net_margin: 0.03,
      revenue_growth: 50 / 1450,
      years_in_business: 6,
      owner_experience: 8,
      collateral: "guarantee",
      bank_relationship: 2,
      tax_credit_level: "B",
      owner_credit: "clean",
    },
    // 6 + 4 + 6 + 4 + 8 + 6 + 7 + 4 + 9 + 12
    score: 66,
    modelGrade: "BBB",
    grade: "BBB",
    // base min(375, 800) = 375 x BBB 0.6 x wholesale 0.9 = 202.5; existing 300 exceeds it
    limit: { base: 375, existingDebt: 300, debtCapacity: 202.5, riskLimit: 0 },
  },
  {
    name: "SME on the bin edges",
    input: {
      statements: { current: { BS004: 300, BS007: 1000, BS010: 300, BS013: 400, BS014: 600, IS001: 800, IS006: 0 }, previous: { IS001: 800 } },
      facts: { years_in_business: 2, owner_experience_years: 3, collateral: "none", bank_relationship_years: 1, tax_credit_level: "M", owner_credit: "thin" },
    },
    raws: {
      debt_ratio: 0.4, // inclusive bound: 12 points
      current_ratio: 1, // exclusive bound 1.0: next bin, 4 points
      net_margin: 0, // exclusive bound 0: 3 points
      revenue_growth: 0, // 4 points
      years_in_business: 2, // exclusive bound 2: 3 points
      owner_experience: 3, // exclusive bound 3: 3 points
      collateral: "none",
      bank_relationship: 1, // exclusive bound 1: 4 points
      tax_credit_level: "M",
      owner_credit: "thin",
    },
    // 12 + 4 + 3 + 4 + 3 + 3 + 0 + 4 + 6 + 5
    score: 44,
    modelGrade: "CCC",
    grade: "CCC",
  },
  {
    name: "SME with tax level D and a serious personal overdue (two caps at B)",
    input: { statements: smeStrongStatements, facts: { ...smeStrongFacts, tax_credit_level: "D", owner_credit: "serious" } },
    raws: { ...smeStrongRaws, tax_credit_level: "D", owner_credit: "serious" },
    // 96 - 12 - 12
    score: 72,
    modelGrade: "A",
    grade: "B",
  },
  {
    name: "SME with nothing supplied",
    input: { statements: { current: {} }, facts: {} },
    raws: {
      debt_ratio: null,
      current_ratio: null,
      net_margin: null,
      revenue_growth: null,
      years_in_business: null,
      owner_experience: null,
      collateral: null,
      bank_relationship: null,
      tax_credit_level: null,
      owner_credit: null,
    },
    // missing values 2 + 1 + 2 + 2 + 0 + 0 + 0 + 0 + 3 + 3
    score: 13,
    modelGrade: "C",
    grade: "C",
    limit: { base: null, existingDebt: null, debtCapacity: 0, riskLimit: 0 },
  },
];

// ---------------------------------------------------------------------------------------------------------

const typicalInstitution: Case = {
  name: "typical partially funded hospital",
  input: {
    statements: {
      current: { BS001: 3e7, BS007: 3e8, BS008: 1e7, BS010: 6e7, BS011: 4e7, BS013: 1.2e8, BS014: 1.8e8, IS001: 1e8, IS006: 1e6 },
      previous: { IS001: 9e7 },
    },
    facts: { funding_source: "partial", government_level: "prefecture", ql_credit_history: "B" },
    industrySection: "Q",
  },
  raws: {
    funding_source: "partial",
    government_level: "prefecture",
    budget_balance: 0.01,
    debt_ratio: 0.4,
    asset_scale: 3e8,
    income_stability: 1e7 / 9e7,
    cash_to_current_liabilities: 0.5,
    credit_history: "B",
  },
  // 16 + 7 + 8 + 7 + 8 + 5 + 6 + 6
  score: 63,
  modelGrade: "BBB",
  grade: "BBB",
  // base min(5e7, 1.8e8) x BBB 0.65 x health 1.0; existing 1e7 + 4e7
  limit: { base: 5e7, existingDebt: 5e7, debtCapacity: 3.25e7, riskLimit: 0 },
};

const publicCases: Case[] = [
  {
    name: "strong fully funded provincial university",
    input: {
      statements: {
        current: { BS001: 3e8, BS007: 2e9, BS008: 5e7, BS010: 2e8, BS011: 1e8, BS013: 3e8, BS014: 1.7e9, IS001: 8e8, IS006: 8e7 },
        previous: { IS001: 7.8e8 },
      },
      facts: { funding_source: "full", government_level: "central_provincial", ql_credit_history: "A", defaults_24m: 0 },
      industrySection: "P",
    },
    raws: {
      funding_source: "full",
      government_level: "central_provincial",
      budget_balance: 0.1,
      debt_ratio: 0.15,
      asset_scale: 2e9,
      income_stability: 2e7 / 7.8e8,
      cash_to_current_liabilities: 1.5,
      credit_history: "A",
    },
    // 25 + 10 + 14 + 14 + 10 + 10 + 8 + 9
    score: 100,
    modelGrade: "AAA",
    grade: "AAA",
    // base min(8e8 * 0.5, 1.7e9) = 4e8 x AAA 1.0 x education 1.0; existing 5e7 + 1e8
    limit: { base: 4e8, existingDebt: 1.5e8, debtCapacity: 4e8, riskLimit: 2.5e8 },
  },
  typicalInstitution,
  {
    name: "weak self-funded township unit",
    input: {
      statements: {
        current: { BS001: 2e6, BS007: 4e7, BS010: 2e7, BS013: 3.2e7, BS014: 8e6, IS001: 1e7, IS006: -1.5e6 },
        previous: { IS001: 1.5e7 },
      },
      facts: { funding_source: "self", government_level: "township", ql_credit_history: "C" },
    },
    raws: {
      funding_source: "self",
      government_level: "township",
      budget_balance: -0.15,
      debt_ratio: 0.8,
      asset_scale: 4e7,
      income_stability: 5e6 / 1.5e7,
      cash_to_current_liabilities: 0.1,
      credit_history: "C",
    },
    // 6 + 1 + 0 + 0 + 2 + 2 + 0 + 2
    score: 13,
    modelGrade: "C",
    grade: "C",
  },
  {
    name: "liabilities above assets (cap at B)",
    input: {
      ...typicalInstitution.input,
      statements: { ...typicalInstitution.input.statements, current: { ...typicalInstitution.input.statements.current, BS013: 3.3e8 } },
    },
    raws: { ...typicalInstitution.raws, debt_ratio: 1.1 },
    // 63 - 7 (debt ratio now in the open bin, 0 points)
    score: 56,
    modelGrade: "BB",
    grade: "B",
  },
  {
    name: "institution with nothing supplied",
    input: { statements: { current: {} }, facts: {} },
    raws: {
      funding_source: null,
      government_level: null,
      budget_balance: null,
      debt_ratio: null,
      asset_scale: null,
      income_stability: null,
      cash_to_current_liabilities: null,
      credit_history: null,
    },
    // 6 + 1 + 3 + 3 + 0 + 3 + 2 + 2
    score: 20,
    modelGrade: "C",
    grade: "C",
  },
];

// ---------------------------------------------------------------------------------------------------------

const goodApplicant = {
  checking_status: "no_account",
  loan_duration_months: 12,
  credit_history: "repaying_duly",
  loan_purpose: "used_car",
  loan_amount: 10_000,
  savings_level: "over_5000",
  employment_years_band: "4_to_7",
  installment_rate_band: 1,
  co_obligor: "none",
  property: "real_estate",
  age: 45,
  other_instalment_loans: "none",
  housing: "own",
};
const rawsOf = (facts: Record<string, string | number>) => ({ ...facts });

const individualCases: Case[] = [
  {
    name: "good applicant",
    input: { statements: { current: {} }, facts: { ...goodApplicant, annual_income: 200_000, existing_debt_balance: 50_000 } },
    raws: rawsOf(goodApplicant),
    // 72 + 51 + 45 + 67 + 52 + 67 + 50 + 65 + 44 + 46 + 53 + 49 + 49
    score: 710,
    modelGrade: "AAA",
    grade: "AAA",
    // base min(200000 * 2, 300000) x AAA 1.0; existing 50000
    limit: { base: 300_000, existingDebt: 50_000, debtCapacity: 300_000, riskLimit: 250_000 },
  },
  {
    name: "typical applicant",
    input: {
      statements: { current: {} },
      facts: {
        checking_status: "low_balance",
        loan_duration_months: 24,
        credit_history: "repaying_duly",
        loan_purpose: "electronics",
        loan_amount: 20_000,
        savings_level: "under_500",
        employment_years_band: "1_to_4",
        installment_rate_band: 3,
        co_obligor: "none",
        property: "car_or_other",
        age: 30,
        other_instalment_loans: "none",
        housing: "rent",
        annual_income: 60_000,
        existing_debt_balance: 10_000,
      },
    },
    raws: {
      checking_status: "low_balance",
      loan_duration_months: 24,
      credit_history: "repaying_duly",
      loan_purpose: "electronics",
      loan_amount: 20_000,
      savings_level: "under_500",
      employment_years_band: "1_to_4",
      installment_rate_band: 3,
      co_obligor: "none",
      property: "car_or_other",
      age: 30,
      other_instalment_loans: "none",
      housing: "rent",
    },
    // 34 + 44 + 45 + 56 + 45 + 39 + 47 + 51 + 44 + 45 + 38 + 49 + 38
    score: 575,
    modelGrade: "CCC",
    grade: "CCC",
    // base min(120000, 300000) x CCC 0.15 = 18000; existing 10000
    limit: { base: 120_000, existingDebt: 10_000, debtCapacity: 18_000, riskLimit: 8_000 },
  },
  {
    name: "applicant on the bin edges",
    input: {
      statements: { current: {} },
      facts: {
        checking_status: "overdrawn",
        loan_duration_months: 36, // inclusive bound: 37 points
        credit_history: "past_delays",
        loan_purpose: "education",
        loan_amount: 18_100, // inclusive bound: 52 points
        savings_level: "500_to_2500",
        employment_years_band: "under_1",
        installment_rate_band: 2,
        co_obligor: "co_applicant",
        property: "none",
        age: 23, // inclusive bound: 34 points
        other_instalment_loans: "bank",
        housing: "free",
      },
    },
    raws: {
      checking_status: "overdrawn",
      loan_duration_months: 36,
      credit_history: "past_delays",
      loan_purpose: "education",
      loan_amount: 18_100,
      savings_level: "500_to_2500",
      employment_years_band: "under_1",
      installment_rate_band: 2,
      co_obligor: "co_applicant",
      property: "none",
      age: 23,
      other_instalment_loans: "bank",
      housing: "free",
    },
    // 26 + 37 + 39 + 25 + 52 + 44 + 38 + 51 + 44 + 44 + 34 + 29 + 38
    score: 501,
    modelGrade: "C",
    grade: "C",
  },
  {
    name: "good applicant with a 95-day overdue (连三) and 2 overdues: capped at CCC",
    input: { statements: { current: {} }, facts: { ...goodApplicant, worst_overdue_days_24m: 95, overdue_count_24m: 2 } },
    raws: rawsOf(goodApplicant),
    score: 710,
    modelGrade: "AAA",
    grade: "CCC",
  },
  {
    name: "applicant with nothing supplied",
    input: { statements: { current: {} }, facts: {} },
    raws: Object.fromEntries(INDIVIDUAL_SCORECARD_MODEL.indicators.map((i) => [i.key, null])),
    // the lowest points of every factor: 26 + 34 + 26 + 25 + 21 + 39 + 38 + 35 + 44 + 44 + 34 + 29 + 38
    score: 433,
    modelGrade: "C",
    grade: "C",
    limit: { base: null, existingDebt: null, debtCapacity: 0, riskLimit: 0 },
  },
];

describe.each([
  ["sme-scorecard", SME_SCORECARD_MODEL, smeCases],
  ["public-institution-scorecard", PUBLIC_INSTITUTION_SCORECARD_MODEL, publicCases],
  ["individual-scorecard", INDIVIDUAL_SCORECARD_MODEL, individualCases],
] as const)("%s: hand-computed cases", (_key, model, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => check(model, c));
});

describe("individual-scorecard caps", () => {
  it("连三累六: six overdues in 24 months cap at CCC, a 30-day overdue at B", () => {
    const six = rate(INDIVIDUAL_SCORECARD_MODEL, scale, { statements: { current: {} }, facts: { ...goodApplicant, overdue_count_24m: 6 } });
    expect(six.grade).toBe("CCC");
    expect(six.pd).toBe(0.065);
    const thirty = rate(INDIVIDUAL_SCORECARD_MODEL, scale, { statements: { current: {} }, facts: { ...goodApplicant, worst_overdue_days_24m: 30 } });
    expect(thirty.appliedCaps.map((c) => c.maxGrade)).toEqual(["B"]);
    expect(thirty.grade).toBe("B");
    const clean = rate(INDIVIDUAL_SCORECARD_MODEL, scale, { statements: { current: {} }, facts: { ...goodApplicant, worst_overdue_days_24m: 29, overdue_count_24m: 5 } });
    expect(clean.appliedCaps).toEqual([]);
  });
});
