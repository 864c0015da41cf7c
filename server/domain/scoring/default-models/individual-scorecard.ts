/**
 * individual-scorecard v1: application scorecard for individuals (个人客户). Rationale in docs/models.md.
 *
 * The points and grade bands are fitted to the German Credit data by scripts/fit-individual-scorecard.ts (see the
 * generated module and its fit report). The bank's policy rules sit on top as caps, not as fitted factors: the
 * credit-report facts of SPEC 5.6 (overdue count and worst days past due in 24 months) are not in the data set,
 * and the common Chinese "连三累六" rule (overdue three months in a row, or six times in all) is a hard ceiling
 * rather than a matter of points.
 */
import type { ModelDefinition } from "../model-schema";
import { INDIVIDUAL_SCORECARD_GRADE_BANDS, INDIVIDUAL_SCORECARD_INDICATORS } from "./individual-scorecard.generated";
import { gradeCoefficients, text } from "./model-helpers";

export const INDIVIDUAL_SCORECARD_MODEL: ModelDefinition = {
  key: "individual-scorecard",
  version: 1,
  name: text("Individual application scorecard", "个人客户申请评分卡"),
  kind: "scorecard",
  customerTypes: ["individual"],
  indicators: INDIVIDUAL_SCORECARD_INDICATORS,
  gradeBands: INDIVIDUAL_SCORECARD_GRADE_BANDS,
  caps: [
    {
      when: { fact: "worst_overdue_days_24m", op: ">=", value: 90 },
      maxGrade: "CCC",
      reason: text("Overdue 90 days or more in the last 24 months", "近 24 个月内有 90 天以上逾期（连三）"),
    },
    {
      when: { fact: "overdue_count_24m", op: ">=", value: 6 },
      maxGrade: "CCC",
      reason: text("Overdue six times or more in the last 24 months", "近 24 个月内累计逾期 6 次及以上（累六）"),
    },
    {
      when: { fact: "worst_overdue_days_24m", op: ">=", value: 30 },
      maxGrade: "B",
      reason: text("Overdue 30 days or more in the last 24 months", "近 24 个月内有 30 天以上逾期"),
    },
  ],
  limit: {
    // Unsecured consumer credit: up to two years' income, at most 300,000 yuan (bank policy ceiling).
    base: "min(fact.annual_income * 2, 300000)",
    existingDebt: "fact.existing_debt_balance",
    coefficients: gradeCoefficients([
      ["AAA", 1.0],
      ["AA", 1.0],
      ["A", 0.9],
      ["BBB", 0.8],
      ["BB", 0.6],
      ["B", 0.4],
      ["CCC", 0.15],
      ["CC", 0],
      ["C", 0],
    ]),
  },
  overrideMaxNotches: 1,
  factLabels: {
    annual_income: text("Annual income (yuan)", "年收入（元）"),
    existing_debt_balance: text("Outstanding personal debt (yuan)", "个人负债余额（元）"),
    overdue_count_24m: text("Overdue occurrences in the last 24 months", "近 24 个月逾期次数"),
    worst_overdue_days_24m: text("Worst days past due in the last 24 months", "近 24 个月最长逾期天数"),
  },
};
