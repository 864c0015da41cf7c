import type { FieldIssue } from "../errors";

/**
 * What an individual declares about their finances (income, assets, debts, repayments, credit history), kept
 * with the application's answers under `declared_*` keys. It informs the reviewers; the scorecard itself reads
 * the bank's credit-history record, which is the system of record.
 */
export const PERSONAL_FINANCE_KEYS = [
  "declared_annual_income",
  "declared_total_assets",
  "declared_total_debt",
  "declared_monthly_repayment",
  "declared_overdue_count_24m",
  "declared_defaults_ever",
] as const;

const WHOLE = new Set(["declared_overdue_count_24m", "declared_defaults_ever"]);

/** Field issues for declared finances: each given value a non-negative number (counts whole), below 1e15. */
export function personalFinanceIssues(answers: Record<string, string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const key of PERSONAL_FINANCE_KEYS) {
    const raw = answers[key];
    if (raw === undefined || raw.trim() === "") continue;
    const n = Number(raw.replace(/,/g, ""));
    const path = `answers.${key}`;
    if (!/^\s*[\d,]+(\.\d+)?\s*$/.test(raw) && !/^\s*-[\d,.]+\s*$/.test(raw)) issues.push({ path, message: "workflow.notANumber" });
    else if (!Number.isFinite(n)) issues.push({ path, message: "workflow.notANumber" });
    else if (n < 0) issues.push({ path, message: "workflow.negativeTotal" });
    else if (n >= 1e15) issues.push({ path, message: "workflow.tooLarge" });
    else if (WHOLE.has(key) && !Number.isInteger(n)) issues.push({ path, message: "workflow.wholeNumber" });
  }
  return issues;
}
