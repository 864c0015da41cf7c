/**
 * Named financial ratios over statement line items (SPEC 4 item codes), each available two ways:
 *   - as a formula string (`RATIOS.currentRatio.formula`), the form a model definition stores;
 *   - as a direct function (`currentRatio(statements)`), for code and for tests that check the formula.
 * Both give the same answer; tests hold them to it.
 *
 * Every ratio returns `null` ("missing") rather than NaN or Infinity when an item is absent, the previous period
 * is needed but absent, or a divisor is zero. Ratios over equity also treat non-positive equity as missing,
 * because ROE or debt/equity of an insolvent company would otherwise look excellent (loss / negative equity > 0);
 * models catch negative equity with a cap instead.
 *
 * Amounts are in yuan; "average" means (current + previous) / 2, as in Chinese financial analysis (平均余额).
 */
import type { Statements } from "./formula";
import { toFiniteNumber } from "./formula";
import type { LocalizedText } from "./model-schema";

export interface RatioDefinition {
  name: LocalizedText;
  formula: string;
  /** What a higher value means for credit quality, for documentation and monotonic bins. */
  higherIs: "better" | "worse" | "neutral";
}

export const RATIOS = {
  currentRatio: { name: { en: "Current ratio", zh: "流动比率" }, formula: "BS004 / BS010", higherIs: "better" },
  quickRatio: { name: { en: "Quick ratio", zh: "速动比率" }, formula: "(BS004 - BS003) / BS010", higherIs: "better" },
  debtToAssets: { name: { en: "Debt to assets", zh: "资产负债率" }, formula: "BS013 / BS007", higherIs: "worse" },
  debtToEquity: { name: { en: "Debt to equity", zh: "产权比率" }, formula: "BS013 / max(BS014, 0)", higherIs: "worse" },
  returnOnAssets: { name: { en: "Return on assets (ROA)", zh: "总资产净利率" }, formula: "IS006 / avg(BS007)", higherIs: "better" },
  returnOnEquity: { name: { en: "Return on equity (ROE)", zh: "净资产收益率" }, formula: "IS006 / max(avg(BS014), 0)", higherIs: "better" },
  netMargin: { name: { en: "Net profit margin", zh: "销售净利率" }, formula: "IS006 / IS001", higherIs: "better" },
  grossMargin: { name: { en: "Gross margin", zh: "销售毛利率" }, formula: "(IS001 - IS002) / IS001", higherIs: "better" },
  assetTurnover: { name: { en: "Total asset turnover", zh: "总资产周转率" }, formula: "IS001 / avg(BS007)", higherIs: "better" },
  receivablesTurnover: { name: { en: "Receivables turnover", zh: "应收账款周转率" }, formula: "IS001 / avg(BS002)", higherIs: "better" },
  inventoryTurnover: { name: { en: "Inventory turnover", zh: "存货周转率" }, formula: "IS002 / avg(BS003)", higherIs: "better" },
  interestCoverage: { name: { en: "Interest coverage (EBIT / interest)", zh: "利息保障倍数" }, formula: "(IS005 + IS003) / IS003", higherIs: "better" },
  debtServiceCoverage: {
    name: { en: "Debt service coverage (operating cash flow / (interest + short-term borrowings))", zh: "偿债覆盖率（经营现金流 / 当年应付本息）" },
    formula: "CF001 / (IS003 + BS008)",
    higherIs: "better",
  },
  operatingCashFlowToLiabilities: { name: { en: "Operating cash flow to total liabilities", zh: "现金债务总额比（经营现金流 / 负债合计）" }, formula: "CF001 / BS013", higherIs: "better" },
  revenueGrowth: { name: { en: "Revenue growth", zh: "营业收入增长率" }, formula: "(IS001 - prev.IS001) / abs(prev.IS001)", higherIs: "better" },
  profitGrowth: { name: { en: "Net profit growth", zh: "净利润增长率" }, formula: "(IS006 - prev.IS006) / abs(prev.IS006)", higherIs: "better" },
  assetGrowth: { name: { en: "Total asset growth", zh: "总资产增长率" }, formula: "(BS007 - prev.BS007) / abs(prev.BS007)", higherIs: "neutral" },
  lnTotalAssets: { name: { en: "Size: ln(total assets)", zh: "规模：总资产对数" }, formula: "ln(BS007)", higherIs: "better" },
  lnRevenue: { name: { en: "Size: ln(operating revenue)", zh: "规模：营业收入对数" }, formula: "ln(IS001)", higherIs: "better" },
} as const satisfies Record<string, RatioDefinition>;

export type RatioKey = keyof typeof RATIOS;

// ---------------------------------------------------------------------------------------------------------
// Direct implementations. They read like the formulas above on purpose.

type Period = "current" | "previous";

function item(statements: Statements, code: string, period: Period = "current"): number | null {
  const record = statements?.[period];
  if (typeof record !== "object" || record === null || !Object.prototype.hasOwnProperty.call(record, code)) return null;
  const value = toFiniteNumber(record[code]);
  return value === value ? value : null;
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x + 0 : null;
}

function add(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : finite(a + b);
}

function subtract(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : finite(a - b);
}

function divide(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return finite(numerator / denominator);
}

function average(statements: Statements, code: string): number | null {
  const sum = add(item(statements, code), item(statements, code, "previous"));
  return sum === null ? null : finite(sum / 2);
}

/** Non-positive equity makes equity-based ratios meaningless; treat it as a zero divisor (missing). */
function positiveOrZero(x: number | null): number | null {
  return x === null ? null : Math.max(x, 0);
}

function growth(statements: Statements, code: string): number | null {
  const previous = item(statements, code, "previous");
  return divide(subtract(item(statements, code), previous), previous === null ? null : Math.abs(previous));
}

function naturalLog(x: number | null): number | null {
  return x === null || x <= 0 ? null : Math.log(x);
}

export const currentRatio = (s: Statements) => divide(item(s, "BS004"), item(s, "BS010"));
export const quickRatio = (s: Statements) => divide(subtract(item(s, "BS004"), item(s, "BS003")), item(s, "BS010"));
export const debtToAssets = (s: Statements) => divide(item(s, "BS013"), item(s, "BS007"));
export const debtToEquity = (s: Statements) => divide(item(s, "BS013"), positiveOrZero(item(s, "BS014")));
export const returnOnAssets = (s: Statements) => divide(item(s, "IS006"), average(s, "BS007"));
export const returnOnEquity = (s: Statements) => divide(item(s, "IS006"), positiveOrZero(average(s, "BS014")));
export const netMargin = (s: Statements) => divide(item(s, "IS006"), item(s, "IS001"));
export const grossMargin = (s: Statements) => divide(subtract(item(s, "IS001"), item(s, "IS002")), item(s, "IS001"));
export const assetTurnover = (s: Statements) => divide(item(s, "IS001"), average(s, "BS007"));
export const receivablesTurnover = (s: Statements) => divide(item(s, "IS001"), average(s, "BS002"));
export const inventoryTurnover = (s: Statements) => divide(item(s, "IS002"), average(s, "BS003"));
/** EBIT / interest, with EBIT = total profit + interest expense. No interest expense => missing (not "infinite"). */
export const interestCoverage = (s: Statements) => divide(add(item(s, "IS005"), item(s, "IS003")), item(s, "IS003"));
/**
 * Operating cash flow over the debt service due within a year (interest + short-term borrowings). Chinese cash-flow
 * statements report interest paid under financing activities, so CF001 is cash available before debt service.
 */
export const debtServiceCoverage = (s: Statements) => divide(item(s, "CF001"), add(item(s, "IS003"), item(s, "BS008")));
export const operatingCashFlowToLiabilities = (s: Statements) => divide(item(s, "CF001"), item(s, "BS013"));
/** Growth is measured against |previous| so that a loss shrinking to a smaller loss counts as growth. */
export const revenueGrowth = (s: Statements) => growth(s, "IS001");
export const profitGrowth = (s: Statements) => growth(s, "IS006");
export const assetGrowth = (s: Statements) => growth(s, "BS007");
export const lnTotalAssets = (s: Statements) => naturalLog(item(s, "BS007"));
export const lnRevenue = (s: Statements) => naturalLog(item(s, "IS001"));

export const RATIO_FUNCTIONS: Record<RatioKey, (s: Statements) => number | null> = {
  currentRatio,
  quickRatio,
  debtToAssets,
  debtToEquity,
  returnOnAssets,
  returnOnEquity,
  netMargin,
  grossMargin,
  assetTurnover,
  receivablesTurnover,
  inventoryTurnover,
  interestCoverage,
  debtServiceCoverage,
  operatingCashFlowToLiabilities,
  revenueGrowth,
  profitGrowth,
  assetGrowth,
  lnTotalAssets,
  lnRevenue,
};
