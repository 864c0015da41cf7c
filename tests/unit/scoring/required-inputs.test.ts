import { describe, expect, it } from "vitest";
import { CORPORATE_PD_MODEL } from "@/server/domain/scoring/default-models/corporate-pd";
import { INDIVIDUAL_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/individual-scorecard";
import { PUBLIC_INSTITUTION_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/public-institution-scorecard";
import { SME_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/sme-scorecard";
import { requiredInputs } from "@/server/domain/scoring/required-inputs";

describe("requiredInputs", () => {
  it("corporate-pd: statement items of both periods, the questionnaire and the default count", () => {
    const inputs = requiredInputs(CORPORATE_PD_MODEL);
    expect(inputs.needsPrevious).toBe(true);
    expect(inputs.items).toEqual(["BS002", "BS003", "BS004", "BS007", "BS008", "BS010", "BS011", "BS012", "BS013", "BS014", "CF001", "IS001", "IS002", "IS003", "IS005", "IS006"]);
    expect(inputs.facts.map((f) => `${f.key}:${f.kind}:${f.usedBy.join("+")}`)).toEqual([
      "ql_management:choice:indicator",
      "ql_industry_outlook:choice:indicator",
      "ql_market_position:choice:indicator",
      "ql_credit_history:choice:indicator",
      "defaults_24m:number:cap",
    ]);
    const management = inputs.facts[0];
    expect(management.label).toEqual({ en: "Management quality", zh: "管理层素质" });
    expect(management.options!.map((o) => o.code)).toEqual(["A", "B", "C", "D"]);
    expect(inputs.facts[4].label.zh).toBe("近 24 个月违约次数");
  });

  it("sme-scorecard: numeric and choice facts with their labels", () => {
    const inputs = requiredInputs(SME_SCORECARD_MODEL);
    expect(inputs.facts.find((f) => f.key === "years_in_business")).toMatchObject({ kind: "number", label: { zh: "经营年限" } });
    expect(inputs.facts.find((f) => f.key === "tax_credit_level")!.options!.map((o) => o.code)).toEqual(["A", "B", "M", "C", "D"]);
    expect(inputs.items).toContain("IS001");
    expect(inputs.needsPrevious).toBe(true);
  });

  it("public-institution-scorecard", () => {
    const inputs = requiredInputs(PUBLIC_INSTITUTION_SCORECARD_MODEL);
    expect(inputs.facts.map((f) => f.key)).toEqual(["funding_source", "government_level", "ql_credit_history", "defaults_24m"]);
    expect(inputs.items).toEqual(["BS001", "BS007", "BS008", "BS010", "BS011", "BS013", "BS014", "IS001", "IS006"]);
  });

  it("individual-scorecard: no statements, the application facts, the policy facts and the limit facts", () => {
    const inputs = requiredInputs(INDIVIDUAL_SCORECARD_MODEL);
    expect(inputs.items).toEqual([]);
    expect(inputs.needsPrevious).toBe(false);
    const keys = inputs.facts.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(["checking_status", "loan_duration_months", "loan_amount", "age", "credit_history", "savings_level", "employment_years_band", "housing"]));
    expect(keys).not.toContain("personal");
    expect(keys).not.toContain("foreign_worker");
    expect(inputs.facts.find((f) => f.key === "annual_income")).toMatchObject({ kind: "number", usedBy: ["limit"], label: { zh: "年收入（元）" } });
    expect(inputs.facts.find((f) => f.key === "worst_overdue_days_24m")).toMatchObject({ kind: "number", usedBy: ["cap"] });
  });
});
