import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/domain/errors";
import { DEFAULT_MODELS } from "@/server/domain/scoring/default-models";
import { CORPORATE_PD_MODEL } from "@/server/domain/scoring/default-models/corporate-pd";
import { SME_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/sme-scorecard";
import { rate } from "@/server/domain/scoring/engine";
import type { ModelDefinition } from "@/server/domain/scoring/model-schema";
import { validateModel } from "@/server/domain/scoring/validate-model";
import { clone, scale } from "./helpers";

/** Breaks one thing in a copy of a valid model and returns "path code" of every issue. */
function issues(base: ModelDefinition, mutate: (m: ModelDefinition) => void): string[] {
  const m = clone(base);
  mutate(m);
  return validateModel(m, scale).map((i) => `${i.path} ${i.code}`);
}
const pd = (mutate: (m: ModelDefinition) => void) => issues(CORPORATE_PD_MODEL, mutate);
const card = (mutate: (m: ModelDefinition) => void) => issues(SME_SCORECARD_MODEL, mutate);

describe("validateModel", () => {
  it.each(DEFAULT_MODELS.map((m) => [m.key, m] as const))("accepts the shipped model %s", (_key, model) => {
    expect(validateModel(model, scale)).toEqual([]);
  });

  describe("shape", () => {
    it("reports zod errors at the field", () => {
      expect(pd((m) => ((m.indicators[3] as { missing: unknown }).missing = "low"))).toEqual(["indicators.3.missing schema.invalid"]);
      expect(pd((m) => ((m as { kind: string }).kind = "neural_net"))).toEqual(["kind schema.invalid"]);
      expect(pd((m) => (m.indicators[0].key = "Debt Ratio"))).toEqual(["indicators.0.key schema.invalid"]);
      expect(pd((m) => (m.indicators[0].weightAdjust = 1.5))).toEqual(["indicators.0.weightAdjust schema.invalid"]);
      expect(pd((m) => (m.indicators[0].bins![1].value = Number.POSITIVE_INFINITY))).toEqual(["indicators.0.bins.1.value schema.invalid"]);
      expect(pd((m) => (m.name.zh = ""))).toEqual(["name.zh schema.invalid"]);
      expect(validateModel(null, scale)[0].code).toBe("schema.invalid");
    });
  });

  describe("indicators", () => {
    it("rejects duplicate keys", () => expect(pd((m) => (m.indicators[2].key = "debt_ratio"))).toContain("indicators.2.key indicator.duplicate_key"));
    it("requires a formula for formula indicators, and one that parses (with its position)", () => {
      expect(pd((m) => delete m.indicators[1].formula)).toContain("indicators.1.formula indicator.formula_required");
      const m = clone(CORPORATE_PD_MODEL);
      m.indicators[1].formula = "BS004 / / BS010";
      const [issue] = validateModel(m, scale);
      expect(issue).toMatchObject({ path: "indicators.1.formula", code: "formula.invalid", params: expect.objectContaining({ position: 8, column: 9 }) });
      expect(issue.message).toContain("column 9");
      expect(issue.messageZh).toContain("第 9 个字符");
    });
    it("requires a valid fact key for fact and choice indicators", () => {
      expect(card((m) => delete m.indicators[4].fact)).toContain("indicators.4.fact indicator.fact_required");
      expect(card((m) => (m.indicators[4].fact = ""))).toContain("indicators.4.fact indicator.fact_required");
      expect(card((m) => (m.indicators[6].fact = "Collateral!"))).toContain("indicators.6.fact indicator.fact_invalid");
    });
    it("requires options on choice indicators, bins on the others, and not the other way round", () => {
      expect(card((m) => (m.indicators[6].options = []))).toContain("indicators.6.options indicator.options_required");
      expect(card((m) => (m.indicators[6].bins = [{ lt: null, value: 1 }]))).toContain("indicators.6.bins indicator.bins_not_allowed");
      expect(card((m) => delete m.indicators[0].bins)).toContain("indicators.0.bins indicator.bins_required");
      expect(card((m) => (m.indicators[0].options = [{ code: "A", label: { en: "a", zh: "a" }, value: 1 }]))).toContain("indicators.0.options indicator.options_not_allowed");
    });
    it("rejects duplicate option codes", () => {
      expect(card((m) => (m.indicators[6].options![2].code = "real_estate"))).toContain("indicators.6.options.2.code options.duplicate_code");
    });
    it("requires coefficients in a PD model and forbids them in a scorecard", () => {
      expect(pd((m) => delete m.indicators[5].coefficient)).toContain("indicators.5.coefficient indicator.coefficient_required");
      expect(card((m) => (m.indicators[5].coefficient = 1))).toContain("indicators.5.coefficient indicator.coefficient_not_allowed");
    });
  });

  describe("bins: no gap, no overlap", () => {
    it("requires strictly increasing upper bounds (an overlap or a wrong order names the offending bin)", () => {
      expect(pd((m) => (m.indicators[1].bins![2].lt = 0.9))).toEqual(["indicators.1.bins.2.lt bins.not_increasing"]);
      expect(pd((m) => (m.indicators[1].bins![2].lt = 1.0))).toEqual(["indicators.1.bins.2.lt bins.not_increasing"]);
      const m = clone(CORPORATE_PD_MODEL);
      m.indicators[1].bins![2].lt = 0.9;
      expect(validateModel(m, scale)[0].message).toContain("0.9");
    });
    it("requires the last bin to be open (no gap above)", () => {
      expect(pd((m) => (m.indicators[0].bins![4].lt = 2))).toEqual(["indicators.0.bins.4.lt bins.last_not_open"]);
    });
    it("allows no open bin before the last", () => {
      expect(pd((m) => (m.indicators[0].bins![2].lt = null))).toContain("indicators.0.bins.2.lt bins.open_not_last");
    });
    it("rejects an inclusive open bin", () => {
      expect(pd((m) => (m.indicators[0].bins![4].inclusive = true))).toEqual(["indicators.0.bins.4.inclusive bins.inclusive_on_open"]);
    });
  });

  describe("declared monotonic direction", () => {
    it("is checked against the bin values", () => {
      expect(pd((m) => (m.indicators[1].bins![3].value = -0.6))).toEqual(["indicators.1.bins.3.value indicator.monotonic_violated"]);
      expect(pd((m) => (m.indicators[0].bins![1].value = 2))).toEqual(["indicators.0.bins.1.value indicator.monotonic_violated"]);
      expect(pd((m) => (m.indicators[11].monotonic = "increasing"))).toEqual(["indicators.11.bins.5.value indicator.monotonic_violated"]);
    });
    it("on choice indicators reads the options in their listed order", () => {
      expect(card((m) => (m.indicators[6].monotonic = "increasing"))).toContain("indicators.6.options.1.value indicator.monotonic_violated");
      expect(card((m) => (m.indicators[6].monotonic = "decreasing"))).toEqual([]);
    });
  });

  describe("model kind", () => {
    it("a PD model needs an intercept and a score scale and takes no grade bands", () => {
      expect(pd((m) => delete m.intercept)).toEqual(["intercept model.intercept_required"]);
      expect(pd((m) => delete m.scoreScale)).toEqual(["scoreScale model.score_scale_required"]);
      expect(pd((m) => (m.gradeBands = [{ grade: "A", minScore: 1 }]))).toEqual(["gradeBands model.grade_bands_not_allowed"]);
    });
    it("a scorecard needs grade bands, best first, on the master scale, with strictly decreasing minimum scores", () => {
      expect(card((m) => delete m.gradeBands)).toEqual(["gradeBands model.grade_bands_required"]);
      expect(card((m) => (m.gradeBands![3].minScore = 72))).toEqual(["gradeBands.3.minScore gradeBands.score_order"]);
      expect(card((m) => (m.gradeBands![3].minScore = 80))).toEqual(["gradeBands.3.minScore gradeBands.score_order"]);
      expect(card((m) => (m.gradeBands![2].grade = "AAB"))).toEqual(["gradeBands.2.grade gradeBands.unknown_grade"]);
      // AAA, AA, BB, BBB, ...: BBB now comes after a worse grade.
      expect(card((m) => (m.gradeBands![2].grade = "BB"))).toEqual(["gradeBands.3.grade gradeBands.grade_order"]);
      expect(card((m) => (m.gradeBands![8].grade = "D"))).toEqual(["gradeBands.8.grade gradeBands.default_grade"]);
    });
    it("allows a scorecard that uses only part of the scale", () => {
      expect(card((m) => (m.gradeBands = [{ grade: "A", minScore: 70 }, { grade: "B", minScore: 40 }, { grade: "C", minScore: 0 }]))).toEqual([]);
    });
  });

  describe("caps", () => {
    it("name exactly one existing indicator or one fact", () => {
      expect(pd((m) => (m.caps[0].when.indicator = "debt_ratio"))).toEqual(["caps.0.when caps.target"]);
      expect(pd((m) => delete m.caps[1].when.indicator)).toEqual(["caps.1.when caps.target"]);
      expect(pd((m) => (m.caps[1].when.indicator = "leverage"))).toEqual(["caps.1.when.indicator caps.unknown_indicator"]);
      expect(pd((m) => (m.caps[0].when.fact = "Defaults"))).toEqual(["caps.0.when.fact indicator.fact_invalid"]);
    });
    it("compare numbers with ordering operators and option codes with == or !=", () => {
      expect(pd((m) => (m.caps[1].when.value = "high"))).toEqual(["caps.1.when.value caps.value_type", "caps.1.when.op caps.operator_type"]);
      expect(pd((m) => (m.caps[2].when.value = 4))).toEqual(["caps.2.when.value caps.value_type"]);
      expect(pd((m) => (m.caps[2].when.op = ">="))).toEqual(["caps.2.when.op caps.operator_type"]);
    });
    it("cap at a grade on the scale, never at D", () => {
      expect(pd((m) => (m.caps[0].maxGrade = "E"))).toEqual(["caps.0.maxGrade caps.unknown_grade"]);
      expect(pd((m) => (m.caps[0].maxGrade = "D"))).toEqual(["caps.0.maxGrade caps.default_grade"]);
    });
  });

  describe("limit", () => {
    it("formulas must parse", () => {
      expect(pd((m) => (m.limit.base = "min(CF001 * 4"))).toEqual(["limit.base formula.invalid"]);
      expect(pd((m) => (m.limit.existingDebt = "BS008 + loans"))).toEqual(["limit.existingDebt formula.invalid"]);
    });
    it("coefficients cover every grade a rating can have (all but D) and only scale grades", () => {
      expect(pd((m) => delete m.limit.coefficients.BB)).toEqual(["limit.coefficients.BB limit.coefficient_missing"]);
      expect(pd((m) => (m.limit.coefficients.E = 0))).toEqual(["limit.coefficients.E limit.unknown_grade"]);
      expect(pd((m) => (m.limit.coefficients.D = 0))).toEqual([]);
    });
    it("industry coefficients are keyed by GB/T 4754 sections A..T", () => {
      expect(pd((m) => (m.limit.industryCoefficients = { ...m.limit.industryCoefficients, Z: 1 }))).toEqual(["limit.industryCoefficients.Z limit.unknown_section"]);
    });
  });

  it("every issue carries English and Chinese text", () => {
    const m = clone(CORPORATE_PD_MODEL);
    m.indicators[1].bins![2].lt = 0.9;
    delete m.limit.coefficients.BB;
    for (const issue of validateModel(m, scale)) {
      expect(issue.message.length).toBeGreaterThan(5);
      expect(issue.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("rate() refuses an invalid model with INVALID_MODEL listing the issues", () => {
    const m = clone(CORPORATE_PD_MODEL);
    m.indicators[1].bins![2].lt = 0.9;
    try {
      rate(m, scale, { statements: { current: {} }, facts: {} });
      throw new Error("expected INVALID_MODEL");
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("INVALID_MODEL");
      expect((error as DomainError).fields.map((f) => f.path)).toEqual(["indicators.1.bins.2.lt"]);
    }
  });

  it("rate() refuses an invalid master scale, with paths under masterScale.", () => {
    const badScale = clone(scale);
    badScale.grades[5].pd = 0.01;
    try {
      rate(CORPORATE_PD_MODEL, badScale, { statements: { current: {} }, facts: {} });
      throw new Error("expected INVALID_MODEL");
    } catch (error) {
      expect((error as DomainError).code).toBe("INVALID_MODEL");
      // 0.01 equals BB's PD (order) and lies below B's band [0.015, 0.04).
      expect((error as DomainError).fields.map((f) => `${f.path} ${(f as { code?: string }).code}`)).toEqual([
        "masterScale.grades.5.pd scale.pd_order",
        "masterScale.grades.5.pd scale.pd_outside_band",
      ]);
    }
  });
});
