/**
 * sme-scorecard v1: points scorecard for small and medium enterprises (中小企业). Rationale in docs/models.md.
 *
 * SME statements are short and often unaudited, so financial factors carry 36 of the 100 points and the rest comes
 * from what a branch can verify: years in business, the owner's experience and credit report, collateral, the
 * relationship with the bank and the tax authority's credit level (纳税信用等级). Missing answers score low:
 * the applicant can always supply them.
 */
import type { ModelDefinition } from "../model-schema";
import { RATIOS } from "../ratios";
import { DEFAULT_INDUSTRY_COEFFICIENTS } from "./industry-coefficients";
import { below, gradeCoefficients, option, rest, text, upTo } from "./model-helpers";

export const SME_SCORECARD_MODEL: ModelDefinition = {
  key: "sme-scorecard",
  version: 1,
  name: text("SME scorecard", "中小企业评分卡"),
  kind: "scorecard",
  customerTypes: ["sme"],
  indicators: [
    {
      key: "debt_ratio",
      name: RATIOS.debtToAssets.name,
      group: "solvency",
      source: "formula",
      formula: RATIOS.debtToAssets.formula,
      bins: [upTo(0.4, 12), upTo(0.55, 9), upTo(0.7, 6), upTo(0.85, 3), rest(0)],
      missing: 2,
      monotonic: "decreasing",
    },
    {
      key: "current_ratio",
      name: RATIOS.currentRatio.name,
      group: "solvency",
      source: "formula",
      formula: RATIOS.currentRatio.formula,
      bins: [below(0.8, 0), below(1.0, 2), below(1.3, 4), below(1.8, 6), rest(8)],
      missing: 1,
      monotonic: "increasing",
    },
    {
      key: "net_margin",
      name: RATIOS.netMargin.name,
      group: "profitability",
      source: "formula",
      formula: RATIOS.netMargin.formula,
      bins: [below(0, 0), below(0.02, 3), below(0.05, 6), below(0.1, 8), rest(10)],
      missing: 2,
      monotonic: "increasing",
    },
    {
      key: "revenue_growth",
      name: RATIOS.revenueGrowth.name,
      group: "growth",
      source: "formula",
      formula: RATIOS.revenueGrowth.formula,
      // Growth above 30% a year in a small firm often outruns its working capital: fewer points than steady growth.
      bins: [below(-0.15, 0), below(0, 2), below(0.1, 4), below(0.3, 6), rest(4)],
      missing: 2,
    },
    {
      key: "years_in_business",
      name: text("Years in business", "经营年限"),
      group: "qualitative",
      source: "fact",
      fact: "years_in_business",
      bins: [below(2, 0), below(3, 3), below(5, 6), below(10, 8), rest(10)],
      missing: 0,
      monotonic: "increasing",
    },
    {
      key: "owner_experience",
      name: text("Owner's years of industry experience", "实际控制人行业经验（年）"),
      group: "qualitative",
      source: "fact",
      fact: "owner_experience_years",
      bins: [below(3, 0), below(5, 3), below(10, 6), rest(8)],
      missing: 0,
      weightAdjust: 0.2,
      monotonic: "increasing",
    },
    {
      key: "collateral",
      name: text("Collateral or guarantee", "担保方式"),
      group: "qualitative",
      source: "choice",
      fact: "collateral",
      options: [
        option("real_estate", "Real-estate mortgage", "房产抵押", 14),
        option("equipment_receivables", "Equipment or receivables pledge", "设备抵押或应收账款质押", 9),
        option("guarantee", "Guarantee company or third-party guarantee", "担保公司或第三方保证", 7),
        option("none", "Unsecured", "信用（无担保）", 0),
      ],
      missing: 0,
    },
    {
      key: "bank_relationship",
      name: text("Years banking with us", "与本行合作年限"),
      group: "qualitative",
      source: "fact",
      fact: "bank_relationship_years",
      bins: [below(1, 0), below(3, 4), below(5, 6), rest(8)],
      missing: 0,
      weightAdjust: 0.2,
      monotonic: "increasing",
    },
    {
      key: "tax_credit_level",
      name: text("Tax credit level", "纳税信用等级"),
      group: "qualitative",
      source: "choice",
      fact: "tax_credit_level",
      options: [
        option("A", "Level A", "A 级", 12),
        option("B", "Level B", "B 级", 9),
        option("M", "Level M (new or small taxpayer)", "M 级（新设立或评价年度内无收入）", 6),
        option("C", "Level C", "C 级", 3),
        option("D", "Level D (serious violations)", "D 级（严重失信）", 0),
      ],
      missing: 3,
    },
    {
      key: "owner_credit",
      name: text("Owner's personal credit report", "实际控制人个人征信"),
      group: "history",
      source: "choice",
      fact: "owner_credit",
      options: [
        option("clean", "No overdue in 24 months", "近 24 个月无逾期", 12),
        option("thin", "No credit record", "无信贷记录", 5),
        option("minor", "Overdue under 30 days, at most twice", "30 天以内逾期且不超过 2 次", 7),
        option("serious", "Overdue 90+ days, or 6+ times in 24 months", "90 天以上逾期或 24 个月内逾期 6 次以上", 0),
      ],
      missing: 3,
    },
  ],
  gradeBands: [
    { grade: "AAA", minScore: 88 },
    { grade: "AA", minScore: 80 },
    { grade: "A", minScore: 72 },
    { grade: "BBB", minScore: 63 },
    { grade: "BB", minScore: 54 },
    { grade: "B", minScore: 45 },
    { grade: "CCC", minScore: 36 },
    { grade: "CC", minScore: 27 },
    { grade: "C", minScore: 0 },
  ],
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
      when: { indicator: "tax_credit_level", op: "==", value: "D" },
      maxGrade: "B",
      reason: text("Tax credit level D (serious tax violations)", "纳税信用等级为 D 级"),
    },
    {
      when: { indicator: "owner_credit", op: "==", value: "serious" },
      maxGrade: "B",
      reason: text("Owner has serious overdue on the credit report", "实际控制人征信有严重逾期"),
    },
  ],
  limit: {
    // Working-capital view: a quarter of annual sales, but no more than twice the owners' equity.
    base: "min(IS001 * 0.25, BS014 * 2)",
    existingDebt: "BS008 + BS011",
    coefficients: gradeCoefficients([
      ["AAA", 1.0],
      ["AA", 0.9],
      ["A", 0.8],
      ["BBB", 0.6],
      ["BB", 0.45],
      ["B", 0.25],
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
