import { describe, expect, it } from "vitest";
import { assembleRatingInput, industrySectionOf, previousPeriod, wholeYearsBetween } from "@/server/domain/rating-input/assemble";

const base = {
  period: "2025-12",
  asOf: "2026-04-15",
  statementsByPeriod: { "2025-12": { BS007: 100 }, "2024-12": { BS007: 90 }, "2023-12": { BS007: 80 } },
  answers: { ql_management: "B", loan_amount: "50000", defaults_24m: "0" },
  creditHistory: { overdueCount24m: 2, worstDaysPastDue24m: 45, defaultsEver: 1, lastDefaultOn: "2025-01-10", existingDebt: "1234.50" },
  customer: { industryCode: "C39", establishedOn: "2010-04-16", birthDate: "1990-04-15", annualIncome: "300000.00" },
};

describe("assembleRatingInput", () => {
  it("takes the period's statements and the previous year's", () => {
    const input = assembleRatingInput(base);
    expect(input.statements).toEqual({ current: { BS007: 100 }, previous: { BS007: 90 } });
    const first = assembleRatingInput({ ...base, period: "2023-12" });
    expect(first.statements.previous).toBeUndefined();
  });

  it("turns answers into facts, numbers as numbers", () => {
    const f = assembleRatingInput(base).facts;
    expect(f.ql_management).toBe("B");
    expect(f.loan_amount).toBe(50000);
  });

  it("derives credit-history and master-data facts, which win over typed answers", () => {
    const f = assembleRatingInput(base).facts;
    expect(f).toMatchObject({ overdue_count_24m: 2, worst_overdue_days_24m: 45, defaults_24m: 1, existing_debt_balance: 1234.5, age: 36, years_in_business: 15, annual_income: 300000 });
  });

  it("counts a default only within 24 months of the rating date", () => {
    const old = assembleRatingInput({ ...base, creditHistory: { ...base.creditHistory, lastDefaultOn: "2023-01-10" } });
    expect(old.facts.defaults_24m).toBe(0);
    const none = assembleRatingInput({ ...base, creditHistory: { ...base.creditHistory, defaultsEver: 0, lastDefaultOn: null } });
    expect(none.facts.defaults_24m).toBe(0);
  });

  it("maps industry codes to GB/T 4754 sections", () => {
    expect(assembleRatingInput(base).industrySection).toBe("C");
    expect(industrySectionOf("K")).toBe("K");
    expect(industrySectionOf("66")).toBe("J");
    expect(industrySectionOf("01")).toBe("A");
    expect(industrySectionOf(null)).toBeUndefined();
  });

  it("counts whole years like birthdays", () => {
    expect(wholeYearsBetween("1990-04-16", "2026-04-15")).toBe(35);
    expect(wholeYearsBetween("1990-04-15", "2026-04-15")).toBe(36);
    expect(previousPeriod("2025-06")).toBe("2024-06");
  });
});
