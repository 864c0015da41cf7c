/**
 * corporate-pd v1: PD logistic model for large and medium corporates (SPEC 5.6). Rationale in docs/models.md.
 *
 * Every indicator maps its raw value onto a common quality scale, -1 (weak) .. +1 (strong), 0 = typical for a
 * Chinese corporate borrower; the coefficients weight the groups (solvency 1.30, qualitative and history 1.30,
 * profitability 1.00, operations 0.50, growth 0.45, cash flow 0.35; 4.90 in all). With the intercept of 5.3 a
 * company that is typical on every factor has lnOdds 5.3, PD 0.50% (BBB); all-strong reaches the PD floor (AAA)
 * and all-weak lnOdds 0.4, PD 40% (C). Missing financial data scores -0.5: unknown is treated as weak, not as average.
 */
import type { ChoiceOption, Indicator, ModelDefinition } from "../model-schema";
import { RATIOS } from "../ratios";
import { DEFAULT_INDUSTRY_COEFFICIENTS } from "./industry-coefficients";
import { below, gradeCoefficients, option, rest, text, upTo } from "./model-helpers";

const MISSING_FINANCIAL = -0.5;
const MISSING_QUALITATIVE = -0.5;

/** A/B/C/D answers of the qualitative questionnaire (定性指标), A best. */
function qualitative(a: [string, string], b: [string, string], c: [string, string], d: [string, string]): ChoiceOption[] {
  return [option("A", a[0], a[1], 1), option("B", b[0], b[1], 0.4), option("C", c[0], c[1], -0.3), option("D", d[0], d[1], -1)];
}

const indicators: Indicator[] = [
  // Solvency (偿债能力)
  {
    key: "debt_ratio",
    name: RATIOS.debtToAssets.name,
    group: "solvency",
    source: "formula",
    formula: RATIOS.debtToAssets.formula,
    bins: [upTo(0.4, 1), upTo(0.55, 0.5), upTo(0.7, 0), upTo(0.85, -0.5), rest(-1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.45,
    monotonic: "decreasing",
  },
  {
    key: "current_ratio",
    name: RATIOS.currentRatio.name,
    group: "solvency",
    source: "formula",
    formula: RATIOS.currentRatio.formula,
    bins: [below(0.8, -1), below(1.0, -0.5), below(1.3, 0), below(1.8, 0.5), rest(1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.3,
    monotonic: "increasing",
  },
  {
    key: "quick_ratio",
    name: RATIOS.quickRatio.name,
    group: "solvency",
    source: "formula",
    formula: RATIOS.quickRatio.formula,
    bins: [below(0.5, -1), below(0.8, -0.5), below(1.0, 0), below(1.3, 0.5), rest(1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.2,
    monotonic: "increasing",
  },
  {
    key: "interest_coverage",
    name: RATIOS.interestCoverage.name,
    group: "solvency",
    source: "formula",
    formula: RATIOS.interestCoverage.formula,
    bins: [below(1, -1), below(1.5, -0.5), below(3, 0), below(6, 0.5), rest(1)],
    // No interest expense usually means no borrowings: neutral rather than penalised.
    missing: 0,
    coefficient: 0.35,
    monotonic: "increasing",
  },
  // Operations (营运能力)
  {
    key: "receivables_turnover",
    name: RATIOS.receivablesTurnover.name,
    group: "operations",
    source: "formula",
    formula: RATIOS.receivablesTurnover.formula,
    bins: [below(3, -1), below(5, -0.5), below(8, 0), below(12, 0.5), rest(1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.2,
    monotonic: "increasing",
  },
  {
    key: "inventory_turnover",
    name: RATIOS.inventoryTurnover.name,
    group: "operations",
    source: "formula",
    formula: RATIOS.inventoryTurnover.formula,
    bins: [below(2, -1), below(4, -0.5), below(6, 0), below(10, 0.5), rest(1)],
    // Service companies hold no inventory (division by zero): neutral.
    missing: 0,
    coefficient: 0.15,
    monotonic: "increasing",
  },
  {
    key: "asset_turnover",
    name: RATIOS.assetTurnover.name,
    group: "operations",
    source: "formula",
    formula: RATIOS.assetTurnover.formula,
    bins: [below(0.3, -1), below(0.5, -0.5), below(0.8, 0), below(1.2, 0.5), rest(1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.15,
    monotonic: "increasing",
  },
  // Profitability (盈利能力)
  {
    key: "roe",
    name: RATIOS.returnOnEquity.name,
    group: "profitability",
    source: "formula",
    formula: RATIOS.returnOnEquity.formula,
    bins: [below(0, -1), below(0.04, -0.5), below(0.08, 0), below(0.15, 0.5), rest(1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.3,
    monotonic: "increasing",
  },
  {
    key: "roa",
    name: RATIOS.returnOnAssets.name,
    group: "profitability",
    source: "formula",
    formula: RATIOS.returnOnAssets.formula,
    bins: [below(0, -1), below(0.02, -0.5), below(0.04, 0), below(0.08, 0.5), rest(1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.35,
    monotonic: "increasing",
  },
  {
    key: "net_margin",
    name: RATIOS.netMargin.name,
    group: "profitability",
    source: "formula",
    formula: RATIOS.netMargin.formula,
    bins: [below(0, -1), below(0.03, -0.5), below(0.06, 0), below(0.12, 0.5), rest(1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.2,
    monotonic: "increasing",
  },
  {
    key: "gross_margin",
    name: RATIOS.grossMargin.name,
    group: "profitability",
    source: "formula",
    formula: RATIOS.grossMargin.formula,
    bins: [below(0.1, -1), below(0.18, -0.5), below(0.25, 0), below(0.35, 0.5), rest(1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.15,
    monotonic: "increasing",
  },
  // Growth (发展能力): very fast growth is a risk of its own, so these are deliberately not monotonic.
  {
    key: "revenue_growth",
    name: RATIOS.revenueGrowth.name,
    group: "growth",
    source: "formula",
    formula: RATIOS.revenueGrowth.formula,
    bins: [below(-0.1, -1), below(0, -0.5), below(0.05, 0), below(0.15, 0.5), below(0.5, 1), rest(0.5)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.2,
  },
  {
    key: "profit_growth",
    name: RATIOS.profitGrowth.name,
    group: "growth",
    source: "formula",
    formula: RATIOS.profitGrowth.formula,
    bins: [below(-0.3, -1), below(0, -0.5), below(0.1, 0), below(0.3, 0.5), rest(1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.1,
    monotonic: "increasing",
  },
  {
    key: "asset_growth",
    name: RATIOS.assetGrowth.name,
    group: "growth",
    source: "formula",
    formula: RATIOS.assetGrowth.formula,
    bins: [below(-0.1, -1), below(0, -0.5), below(0.05, 0), below(0.2, 0.5), below(0.5, 1), rest(0)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.15,
  },
  // Cash flow (现金流量)
  {
    key: "ocf_to_liabilities",
    name: RATIOS.operatingCashFlowToLiabilities.name,
    group: "cash_flow",
    source: "formula",
    formula: RATIOS.operatingCashFlowToLiabilities.formula,
    bins: [below(0, -1), below(0.05, -0.5), below(0.1, 0), below(0.2, 0.5), rest(1)],
    missing: MISSING_FINANCIAL,
    coefficient: 0.35,
    monotonic: "increasing",
  },
  // Qualitative (定性指标): answered by the rater; the analyst may weigh each by +-20%.
  {
    key: "management_quality",
    name: text("Management quality", "管理层素质"),
    group: "qualitative",
    source: "choice",
    fact: "ql_management",
    options: qualitative(
      ["Experienced, stable team; sound governance and controls", "管理层经验丰富、稳定，治理和内控健全"],
      ["Adequate experience; minor governance gaps", "管理层经验尚可，治理存在小的不足"],
      ["Limited experience or recent key-person changes", "管理层经验不足或近期关键人员变动"],
      ["Weak or controversial management; governance failures", "管理层能力弱或有不良记录，治理失效"],
    ),
    missing: MISSING_QUALITATIVE,
    coefficient: 0.3,
    weightAdjust: 0.2,
  },
  {
    key: "industry_outlook",
    name: text("Industry outlook", "行业前景"),
    group: "qualitative",
    source: "choice",
    fact: "ql_industry_outlook",
    options: qualitative(
      ["Growing, policy-supported industry", "行业成长性好，受政策支持"],
      ["Stable, mature industry", "行业稳定、成熟"],
      ["Cyclical downturn or overcapacity", "行业周期下行或产能过剩"],
      ["Declining or policy-restricted industry", "行业衰退或属国家限制类"],
    ),
    missing: MISSING_QUALITATIVE,
    coefficient: 0.25,
    weightAdjust: 0.2,
  },
  {
    key: "market_position",
    name: text("Market position", "市场地位"),
    group: "qualitative",
    source: "choice",
    fact: "ql_market_position",
    options: qualitative(
      ["Leader nationally or in its segment", "全国或细分市场龙头"],
      ["Established regional player", "区域内有一定竞争力"],
      ["Small share, price taker", "市场份额小，议价能力弱"],
      ["Marginal, losing share", "竞争力弱，市场份额持续下降"],
    ),
    missing: MISSING_QUALITATIVE,
    coefficient: 0.3,
    weightAdjust: 0.2,
  },
  {
    key: "credit_history",
    name: text("Credit history", "信用记录"),
    group: "history",
    source: "choice",
    fact: "ql_credit_history",
    options: qualitative(
      ["No overdue in the last 5 years", "近五年无逾期"],
      ["Occasional overdue under 30 days, settled", "偶有 30 天以内逾期且已结清"],
      ["Overdue of 30-90 days in the last 24 months", "近 24 个月内有 30-90 天逾期"],
      ["Overdue over 90 days, restructuring or write-off", "有 90 天以上逾期、重组或核销记录"],
    ),
    missing: MISSING_QUALITATIVE,
    coefficient: 0.45,
    weightAdjust: 0.2,
  },
];

export const CORPORATE_PD_MODEL: ModelDefinition = {
  key: "corporate-pd",
  version: 1,
  name: text("Corporate PD model", "公司客户违约概率模型"),
  kind: "pd_logistic",
  customerTypes: ["corporate"],
  indicators,
  intercept: 5.3,
  scoreScale: { baseScore: 600, baseOdds: 50, pdo: 20 },
  caps: [
    {
      when: { fact: "defaults_24m", op: ">=", value: 1 },
      maxGrade: "CCC",
      reason: text("Default recorded in the last 24 months", "近 24 个月内有违约记录"),
    },
    {
      when: { indicator: "debt_ratio", op: ">", value: 1 },
      maxGrade: "B",
      reason: text("Negative equity: liabilities exceed assets", "资不抵债：负债超过资产"),
    },
    {
      when: { indicator: "credit_history", op: "==", value: "D" },
      maxGrade: "BB",
      reason: text("Serious overdue, restructuring or write-off on record", "有严重逾期、重组或核销记录"),
    },
  ],
  limit: {
    // Debt the company can carry: four years of cash generation (the larger of operating cash flow and EBIT),
    // but no more than 1.5 times its equity.
    base: "min(max(CF001, IS005 + IS003) * 4, BS014 * 1.5)",
    existingDebt: "BS008 + BS011 + BS012",
    coefficients: gradeCoefficients([
      ["AAA", 1.0],
      ["AA", 0.9],
      ["A", 0.8],
      ["BBB", 0.65],
      ["BB", 0.5],
      ["B", 0.3],
      ["CCC", 0.1],
      ["CC", 0],
      ["C", 0],
    ]),
    industryCoefficients: DEFAULT_INDUSTRY_COEFFICIENTS,
  },
  overrideMaxNotches: 2,
  factLabels: {
    defaults_24m: text("Defaults in the last 24 months (count)", "近 24 个月违约次数"),
  },
};
