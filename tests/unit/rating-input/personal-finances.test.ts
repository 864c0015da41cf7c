import { describe, expect, it } from "vitest";
import { personalFinanceIssues } from "@/server/domain/rating-input/personal-finances";

describe("personalFinanceIssues", () => {
  it("accepts blank and well-formed amounts, with thousands separators", () => {
    expect(personalFinanceIssues({ declared_annual_income: "360,000.50", declared_total_debt: "", declared_overdue_count_24m: "2" })).toEqual([]);
  });
  it.each([
    ["declared_annual_income", "abc", "workflow.notANumber"],
    ["declared_total_assets", "1e5", "workflow.notANumber"],
    ["declared_total_debt", "-5", "workflow.negativeTotal"],
    ["declared_monthly_repayment", "9".repeat(16), "workflow.tooLarge"],
    ["declared_overdue_count_24m", "1.5", "workflow.wholeNumber"],
    ["declared_defaults_ever", "-1", "workflow.negativeTotal"],
  ])("%s = %j -> %s at its field", (key, value, message) => {
    expect(personalFinanceIssues({ [key]: value })).toEqual([{ path: `answers.${key}`, message }]);
  });
  it("ignores other answers", () => {
    expect(personalFinanceIssues({ checking_status: "A11" })).toEqual([]);
  });
});
