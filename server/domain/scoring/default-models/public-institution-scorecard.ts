/**
 * public-institution-scorecard v1: points scorecard for public institutions (事业单位). Rationale in docs/models.md.
 *
 * A public institution's capacity to repay rests first on who funds it: fully budget-funded (全额拨款) units are
 * backed by the fiscal budget, partially funded (差额拨款) units partly, self-funded (自收自支) units not at all.
 * Funding source and the sponsoring government's level carry 35 of the 100 points; the rest comes from the
 * institution's own accounts. Statement mapping: IS001 = total income (收入合计), IS006 = surplus of income over
 * expenditure (收支结余), BS014 = net assets (净资产).
 */
import type { ModelDefinition } from "../model-schema";
import { RATIOS } from "../ratios";
import { DEFAULT_INDUSTRY_COEFFICIENTS } from "./industry-coefficients";
import { below, gradeCoefficients, option, rest, text, upTo } from "./model-helpers";

export const PUBLIC_INSTITUTION_SCORECARD_MODEL: ModelDefinition = {
  key: "public-institution-scorecard",
  version: 1,
  name: text("Public institution scorecard", "事业单位评分卡"),
  kind: "scorecard",
  customerTypes: ["public_institution"],
  indicators: [
    {
      key: "funding_source",
      name: text("Funding source", "经费来源"),
      group: "qualitative",
      source: "choice",
      fact: "funding_source",
      options: [
        option("full", "Fully budget-funded", "全额拨款", 25),
        option("partial", "Partially budget-funded", "差额拨款", 16),
        option("self", "Self-funded", "自收自支", 6),
      ],
      missing: 6,
    },
    {
      key: "government_level",
      name: text("Level of the sponsoring government", "主管部门行政级别"),
      group: "qualitative",
      source: "choice",
      fact: "government_level",
      options: [
        option("central_provincial", "Central or provincial", "中央或省级", 10),
        option("prefecture", "Prefecture-level city", "地市级", 7),
        option("county", "County", "区县级", 4),
        option("township", "Township", "乡镇级", 1),
      ],
      missing: 1,
    },
    {
      key: "budget_balance",
      name: text("Budget balance (surplus / income)", "收支结余率"),
      group: "profitability",
      source: "formula",
      formula: "IS006 / IS001",
      bins: [below(-0.1, 0), below(-0.02, 4), below(0.02, 8), below(0.08, 12), rest(14)],
      missing: 3,
      monotonic: "increasing",
    },
    {
      key: "debt_ratio",
      name: RATIOS.debtToAssets.name,
      group: "solvency",
      source: "formula",
      formula: RATIOS.debtToAssets.formula,
      bins: [upTo(0.2, 14), upTo(0.35, 11), upTo(0.5, 7), upTo(0.7, 3), rest(0)],
      missing: 3,
      monotonic: "decreasing",
    },
    {
      key: "asset_scale",
      name: text("Total assets (yuan)", "资产规模（元）"),
      group: "size",
      source: "formula",
      formula: "BS007",
      bins: [below(50e6, 2), below(200e6, 5), below(1e9, 8), rest(10)],
      missing: 0,
      monotonic: "increasing",
    },
    {
      key: "income_stability",
      name: text("Income volatility (|change| / previous income)", "收入波动率"),
      group: "stability",
      source: "formula",
      formula: "abs(IS001 - prev.IS001) / abs(prev.IS001)",
      bins: [upTo(0.05, 10), upTo(0.1, 8), upTo(0.2, 5), upTo(0.35, 2), rest(0)],
      missing: 3,
      monotonic: "decreasing",
    },
    {
      key: "cash_to_current_liabilities",
      name: text("Cash to current liabilities", "现金比率"),
      group: "solvency",
      source: "formula",
      formula: "BS001 / BS010",
      bins: [below(0.2, 0), below(0.5, 3), below(1, 6), rest(8)],
      missing: 2,
      monotonic: "increasing",
    },
    {
      key: "credit_history",
      name: text("Credit history", "信用记录"),
      group: "history",
      source: "choice",
      fact: "ql_credit_history",
      options: [
        option("A", "No overdue in the last 5 years", "近五年无逾期", 9),
        option("B", "Occasional overdue under 30 days, settled", "偶有 30 天以内逾期且已结清", 6),
        option("C", "Overdue of 30-90 days in the last 24 months", "近 24 个月内有 30-90 天逾期", 2),
        option("D", "Overdue over 90 days, restructuring or write-off", "有 90 天以上逾期、重组或核销记录", 0),
      ],
      missing: 2,
      weightAdjust: 0.2,
    },
  ],
  gradeBands: [
    { grade: "AAA", minScore: 85 },
    { grade: "AA", minScore: 77 },
    { grade: "A", minScore: 69 },
    { grade: "BBB", minScore: 60 },
    { grade: "BB", minScore: 51 },
    { grade: "B", minScore: 42 },
    { grade: "CCC", minScore: 33 },
    { grade: "CC", minScore: 24 },
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
      reason: text("Liabilities exceed assets", "负债超过资产"),
    },
  ],
  limit: {
    // Half a year's income, but no more than the institution's net assets.
    base: "min(IS001 * 0.5, BS014)",
    existingDebt: "BS008 + BS011",
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
