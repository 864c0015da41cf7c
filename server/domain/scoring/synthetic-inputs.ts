/**
 * Seeded synthetic rating inputs for benchmarks, tests and demo seeding. Each generator draws a latent credit
 * quality q ~ N(0, 1) and derives internally consistent statements (assets = liabilities + equity, current
 * assets >= cash + receivables + inventory) and answers from it, with noise, so that a book of synthetic
 * customers spreads over the grades the way a real book does: most in the middle, few at the ends.
 *
 * Pure and deterministic: the same seed gives the same customers. Amounts are in yuan.
 */
import type { RatingInput } from "./rating-types";

export type Random = () => number;

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; good enough for synthetic data, not for secrets. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(random: Random): number {
  // Box-Muller; 1 - u keeps the logarithm away from 0.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const yuan = (x: number) => Math.round(x);

/** Picks A..D from a quality signal: higher is better. */
function answer(signal: number): "A" | "B" | "C" | "D" {
  if (signal > 0.9) return "A";
  if (signal > -0.3) return "B";
  if (signal > -1.3) return "C";
  return "D";
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

const SECTIONS = ["C", "C", "C", "F", "F", "E", "G", "I", "K", "D", "A", "B", "H", "L", "M", "N", "Q", "R"] as const;

/** One year of a company's statements from its size and ratios. */
function corporateYear(r: {
  assets: number;
  debtRatio: number;
  currentAssetShare: number;
  currentRatio: number;
  inventoryShare: number;
  receivableShare: number;
  assetTurnover: number;
  grossMargin: number;
  netMargin: number;
  interestRate: number;
  ocfToAssets: number;
}): Record<string, number> {
  const assets = r.assets;
  const liabilities = assets * r.debtRatio;
  const currentAssets = assets * r.currentAssetShare;
  const inventory = currentAssets * r.inventoryShare;
  const receivables = currentAssets * r.receivableShare;
  const cash = currentAssets * clamp(1 - r.inventoryShare - r.receivableShare, 0.05, 0.6) * 0.8;
  const currentLiabilities = Math.min(currentAssets / r.currentRatio, liabilities * 0.95);
  const shortBorrowings = currentLiabilities * 0.4;
  const payables = currentLiabilities * 0.35;
  const longBorrowings = (liabilities - currentLiabilities) * 0.7;
  const bonds = (liabilities - currentLiabilities) * 0.1;
  const revenue = assets * r.assetTurnover;
  const netProfit = revenue * r.netMargin;
  const interest = (shortBorrowings + longBorrowings + bonds) * r.interestRate;
  const totalProfit = netProfit > 0 ? netProfit / 0.75 : netProfit;
  return {
    BS001: yuan(cash),
    BS002: yuan(receivables),
    BS003: yuan(inventory),
    BS004: yuan(currentAssets),
    BS005: yuan((assets - currentAssets) * 0.7),
    BS006: yuan((assets - currentAssets) * 0.1),
    BS007: yuan(assets),
    BS008: yuan(shortBorrowings),
    BS009: yuan(payables),
    BS010: yuan(currentLiabilities),
    BS011: yuan(longBorrowings),
    BS012: yuan(bonds),
    BS013: yuan(liabilities),
    BS014: yuan(assets) - yuan(liabilities),
    IS001: yuan(revenue),
    IS002: yuan(revenue * (1 - r.grossMargin)),
    IS003: yuan(interest),
    IS004: yuan(totalProfit * 0.97),
    IS005: yuan(totalProfit),
    IS006: yuan(netProfit),
    CF001: yuan(assets * r.ocfToAssets),
    CF002: yuan(-assets * 0.04),
    CF003: yuan(assets * 0.01),
  };
}

/** A large or medium corporate with two annual periods and the qualitative answers of corporate-pd. */
export function syntheticCorporate(random: Random): RatingInput {
  // A small distressed segment gives the book the fat lower tail real books have.
  const distressed = random() < 0.08;
  const q = 0.85 * normal(random) - 0.15 - (distressed ? 1.5 : 0);
  const noise = () => normal(random);
  const assets = Math.exp(20 + 1.3 * noise()); // median about 500 million yuan
  const growth = clamp(0.06 + 0.06 * q + 0.12 * noise(), -0.4, 0.9);
  const profile = {
    debtRatio: clamp(0.6 - 0.12 * q + 0.1 * noise(), 0.08, 1.25),
    currentAssetShare: clamp(0.5 + 0.12 * noise(), 0.15, 0.9),
    currentRatio: Math.exp(Math.log(1.2) + 0.18 * q + 0.22 * noise()),
    inventoryShare: clamp(0.3 + 0.1 * noise(), 0, 0.6),
    receivableShare: clamp(0.25 + 0.08 * noise() - 0.03 * q, 0.02, 0.5),
    assetTurnover: Math.exp(Math.log(0.7) + 0.12 * q + 0.35 * noise()),
    grossMargin: clamp(0.22 + 0.05 * q + 0.07 * noise(), -0.1, 0.75),
    netMargin: clamp(0.035 + 0.03 * q + 0.03 * noise(), -0.3, 0.35),
    interestRate: clamp(0.045 + 0.008 * noise() - 0.004 * q, 0.025, 0.09),
    ocfToAssets: 0.04 + 0.03 * q + 0.03 * noise(),
  };
  const current = corporateYear({ assets, ...profile });
  const previous = corporateYear({
    ...profile,
    assets: assets / (1 + clamp(growth + 0.05 * noise(), -0.35, 0.9)),
    assetTurnover: profile.assetTurnover * Math.exp(-0.05 - 0.03 * q + 0.08 * noise()),
    netMargin: profile.netMargin - 0.005 * q + 0.015 * noise(),
  });
  const defaulted = random() < (q < -1.8 ? 0.15 : 0.003);
  return {
    statements: { current, previous },
    facts: {
      ql_management: answer(0.7 * q + 0.7 * noise()),
      ql_industry_outlook: answer(0.3 * q + 0.9 * noise()),
      ql_market_position: answer(0.6 * q + 0.8 * noise()),
      ql_credit_history: answer(0.6 * q + 0.75 * noise() + 0.2),
      defaults_24m: defaulted ? 1 : 0,
    },
    industrySection: pick(random, SECTIONS),
  };
}

/** A small or medium enterprise (sme-scorecard inputs): shorter, noisier accounts and more qualitative facts. */
export function syntheticSme(random: Random): RatingInput {
  const q = 0.9 * normal(random) - 0.1 - (random() < 0.1 ? 1.4 : 0);
  const noise = () => normal(random);
  const assets = Math.exp(16.5 + 1.0 * noise()); // median about 15 million yuan
  const profile = {
    debtRatio: clamp(0.58 - 0.13 * q + 0.12 * noise(), 0.05, 1.3),
    currentAssetShare: clamp(0.6 + 0.12 * noise(), 0.2, 0.95),
    currentRatio: Math.exp(Math.log(1.15) + 0.2 * q + 0.25 * noise()),
    inventoryShare: clamp(0.3 + 0.12 * noise(), 0, 0.7),
    receivableShare: clamp(0.28 + 0.1 * noise(), 0.02, 0.6),
    assetTurnover: Math.exp(Math.log(1.1) + 0.1 * q + 0.4 * noise()),
    grossMargin: clamp(0.2 + 0.05 * q + 0.08 * noise(), -0.1, 0.7),
    netMargin: clamp(0.03 + 0.03 * q + 0.035 * noise(), -0.3, 0.3),
    interestRate: clamp(0.055 + 0.01 * noise(), 0.03, 0.12),
    ocfToAssets: 0.04 + 0.03 * q + 0.04 * noise(),
  };
  const current = corporateYear({ assets, ...profile });
  const growth = 0.08 + 0.08 * q + 0.15 * noise();
  const previous = corporateYear({ ...profile, assets: assets / clamp(1 + growth, 0.5, 2), netMargin: profile.netMargin + 0.015 * noise() });
  const years = Math.max(0, Math.round(Math.exp(Math.log(6) + 0.35 * q + 0.6 * noise())));
  const collateralSignal = 0.4 * q + noise();
  const taxSignal = 0.6 * q + 0.8 * noise();
  const creditSignal = 0.7 * q + 0.7 * noise();
  return {
    statements: { current, previous },
    facts: {
      years_in_business: years,
      owner_experience_years: Math.max(0, years + Math.round(3 + 4 * noise())),
      collateral: collateralSignal > 0.6 ? "real_estate" : collateralSignal > -0.1 ? "equipment_receivables" : collateralSignal > -0.8 ? "guarantee" : "none",
      bank_relationship_years: Math.max(0, Math.min(years, Math.round(3 + 0.8 * q + 2.5 * noise()))),
      tax_credit_level: taxSignal > 0.7 ? "A" : taxSignal > -0.4 ? "B" : years < 2 ? "M" : taxSignal > -1.6 ? "C" : "D",
      owner_credit: creditSignal > -0.2 ? "clean" : creditSignal > -0.8 ? "thin" : creditSignal > -1.8 ? "minor" : "serious",
      defaults_24m: random() < (q < -1.8 ? 0.15 : 0.004) ? 1 : 0,
    },
    industrySection: pick(random, SECTIONS),
  };
}

const PUBLIC_SECTIONS = ["P", "P", "Q", "Q", "M", "N", "R", "S"] as const;

/** A public institution (public-institution-scorecard inputs). */
export function syntheticPublicInstitution(random: Random): RatingInput {
  const q = normal(random) - (random() < 0.08 ? 1.3 : 0);
  const noise = () => normal(random);
  const fundingSignal = 0.5 * q + noise();
  const assets = Math.exp(18.6 + 0.5 * q + 1.1 * noise()); // median about 120 million yuan
  const debtRatio = clamp(0.32 - 0.12 * q + 0.12 * noise(), 0.02, 1.2);
  const income = assets * clamp(0.35 + 0.1 * noise(), 0.05, 1.2);
  const surplusRatio = clamp(0.015 + 0.03 * q + 0.04 * noise(), -0.4, 0.3);
  const currentLiabilities = assets * debtRatio * 0.6;
  const cash = currentLiabilities * Math.exp(Math.log(0.6) + 0.35 * q + 0.5 * noise());
  const volatility = Math.abs(0.08 - 0.04 * q + 0.08 * noise());
  const previousIncome = income / (1 + (random() < 0.5 ? volatility : -volatility));
  const liabilities = assets * debtRatio;
  const statement = (totalIncome: number) => ({
    BS001: yuan(cash),
    BS004: yuan(Math.max(cash, assets * 0.3)),
    BS007: yuan(assets),
    BS008: yuan(currentLiabilities * 0.3),
    BS010: yuan(currentLiabilities),
    BS011: yuan(liabilities * 0.3),
    BS013: yuan(liabilities),
    BS014: yuan(assets) - yuan(liabilities),
    IS001: yuan(totalIncome),
    IS006: yuan(totalIncome * surplusRatio),
  });
  const creditSignal = 0.5 * q + 0.8 * noise() + 0.6;
  return {
    statements: { current: statement(income), previous: statement(previousIncome) },
    facts: {
      funding_source: fundingSignal > 0.3 ? "full" : fundingSignal > -0.7 ? "partial" : "self",
      government_level: pick(random, ["central_provincial", "prefecture", "prefecture", "county", "county", "township"]),
      ql_credit_history: answer(creditSignal),
      defaults_24m: random() < (q < -2 ? 0.1 : 0.002) ? 1 : 0,
    },
    industrySection: pick(random, PUBLIC_SECTIONS),
  };
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26), enough precision to spread answers over options. */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** Picks from options listed worst first: a stronger signal picks a later option. */
function ordered<T>(options: readonly T[], signal: number): T {
  return options[Math.min(options.length - 1, Math.floor(normalCdf(signal) * options.length))];
}

/** An individual applicant (individual-scorecard facts). */
export function syntheticIndividual(random: Random): RatingInput {
  const q = normal(random);
  const noise = () => normal(random);
  const s = (loading = 0.6) => loading * q + 0.8 * noise() + 0.35;
  const age = Math.round(clamp(36 + 6 * q + 10 * noise(), 20, 68));
  const annualIncome = Math.round(Math.exp(Math.log(90_000) + 0.35 * q + 0.5 * noise()) / 100) * 100;
  const worstOverdue = random() < (q < -1.5 ? 0.3 : 0.03) ? ordered([120, 90, 60, 30, 15], noise()) : 0;
  return {
    statements: { current: {} },
    facts: {
      checking_status: ordered(["overdrawn", "low_balance", "high_balance", "no_account"], s()),
      loan_duration_months: ordered([60, 48, 36, 24, 18, 12, 6], s(0.4)),
      credit_history: ordered(["no_credit_or_all_repaid", "this_bank_all_repaid", "past_delays", "repaying_duly", "critical_or_other_banks"], s(0.5)),
      loan_purpose: pick(random, ["new_car", "used_car", "furniture", "electronics", "appliances", "renovation", "education", "training", "business", "other"]),
      loan_amount: Math.round(Math.exp(Math.log(15_000) - 0.2 * q + 0.7 * noise()) / 100) * 100,
      savings_level: ordered(["under_500", "500_to_2500", "none_or_unknown", "2500_to_5000", "over_5000"], s()),
      employment_years_band: ordered(["unemployed", "under_1", "1_to_4", "over_7", "4_to_7"], s(0.5)),
      installment_rate_band: ordered([4, 3, 2, 1], s(0.4)),
      co_obligor: random() < 0.9 ? "none" : pick(random, ["co_applicant", "guarantor"]),
      property: ordered(["none", "car_or_other", "savings_insurance", "real_estate"], s(0.4)),
      age,
      other_instalment_loans: ordered(["bank", "stores", "none"], s(0.5) + 0.8),
      housing: ordered(["free", "rent", "own"], s(0.4) + 0.4),
      annual_income: annualIncome,
      existing_debt_balance: Math.round(annualIncome * Math.max(0, 0.4 - 0.2 * q + 0.3 * noise()) / 100) * 100,
      overdue_count_24m: worstOverdue > 0 ? 1 + Math.floor(random() * 7) : 0,
      worst_overdue_days_24m: worstOverdue,
    },
  };
}

/** The synthetic generator for each default model key. */
export const SYNTHETIC_GENERATORS: Record<string, (random: Random) => RatingInput> = {
  "corporate-pd": syntheticCorporate,
  "sme-scorecard": syntheticSme,
  "public-institution-scorecard": syntheticPublicInstitution,
  "individual-scorecard": syntheticIndividual,
};
