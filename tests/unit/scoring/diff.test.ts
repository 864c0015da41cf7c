import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/domain/errors";
import { CORPORATE_PD_MODEL } from "@/server/domain/scoring/default-models/corporate-pd";
import { SME_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/sme-scorecard";
import { diffModels, summarizeImpact } from "@/server/domain/scoring/diff";
import { clone, scale } from "./helpers";

describe("diffModels", () => {
  it("finds no change between a model and its copy, even with object keys reordered (jsonb)", () => {
    expect(diffModels(CORPORATE_PD_MODEL, clone(CORPORATE_PD_MODEL))).toEqual([]);
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value !== null && typeof value === "object"
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]))
          : value;
    const reordered = reverseKeys(CORPORATE_PD_MODEL) as typeof CORPORATE_PD_MODEL;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(CORPORATE_PD_MODEL)[0]);
    expect(diffModels(CORPORATE_PD_MODEL, reordered)).toEqual([]);
  });

  it("reports every kind of change with a path and a readable summary", () => {
    const after = clone(CORPORATE_PD_MODEL);
    after.version = 2;
    after.intercept = 5.1;
    after.indicators[0].coefficient = 0.5; // debt_ratio
    after.indicators[0].bins![2] = { lt: 0.72, inclusive: true, value: 0 };
    after.indicators[1].missing = -1; // current_ratio
    after.indicators[15].weightAdjust = 0.1; // management_quality
    after.indicators[15].options![1].value = 0.3;
    after.indicators[15].options!.push({ code: "E", label: { en: "Unknown", zh: "未知" }, value: -0.5 });
    after.indicators = after.indicators.filter((i) => i.key !== "profit_growth");
    after.indicators.push({ key: "size", name: { en: "Size", zh: "规模" }, group: "size", source: "formula", formula: "ln(BS007)", bins: [{ lt: null, value: 0 }], missing: 0, coefficient: 0.1 });
    after.caps[0].maxGrade = "CC";
    after.caps.pop();
    after.limit.coefficients.BBB = 0.6;
    after.limit.industryCoefficients = { ...after.limit.industryCoefficients, K: 0.5 };
    after.limit.base = "BS014 * 1.5";
    after.overrideMaxNotches = 1;

    const changes = diffModels(CORPORATE_PD_MODEL, after);
    const lines = changes.map((c) => `${c.kind} ${c.path}`);
    expect(lines).toEqual([
      "changed intercept",
      "changed overrideMaxNotches",
      "changed indicators.debt_ratio.coefficient",
      "changed indicators.debt_ratio.bins.2",
      "changed indicators.current_ratio.missing",
      "changed indicators.management_quality.weightAdjust",
      "changed indicators.management_quality.options.B",
      "added indicators.management_quality.options.E",
      "added indicators.size",
      "removed indicators.profit_growth",
      "changed caps.0",
      "removed caps.2",
      "changed limit.base",
      "changed limit.coefficients.BBB",
      "changed limit.industryCoefficients.K",
    ]);
    const summaries = Object.fromEntries(changes.map((c) => [c.path, c.summary]));
    expect(summaries.intercept).toBe("Intercept: 5.3 -> 5.1");
    expect(summaries["indicators.debt_ratio.bins.2"]).toBe("debt_ratio: bin 3 <= 0.7: 0 -> <= 0.72: 0");
    expect(summaries["indicators.management_quality.options.B"]).toBe("management_quality: option B value 0.4 -> 0.3");
    expect(summaries["caps.0"]).toBe("Cap 1: fact defaults_24m >= 1 => max CCC -> fact defaults_24m >= 1 => max CC");
    expect(summaries["limit.coefficients.BBB"]).toBe("Limit coefficient BBB: 0.65 -> 0.6");
    const coefficient = changes.find((c) => c.path === "indicators.debt_ratio.coefficient")!;
    expect(coefficient).toMatchObject({ section: "indicator", indicator: "debt_ratio", before: 0.45, after: 0.5 });
  });

  it("compares scorecard grade bands by grade and bins by position", () => {
    const after = clone(SME_SCORECARD_MODEL);
    after.gradeBands![0].minScore = 90;
    after.gradeBands = after.gradeBands!.filter((b) => b.grade !== "CC");
    after.indicators[0].bins!.splice(1, 0, { lt: 0.5, inclusive: true, value: 10 });
    const lines = diffModels(SME_SCORECARD_MODEL, after).map((c) => `${c.section} ${c.kind} ${c.path}`);
    expect(lines).toContain("gradeBands changed gradeBands.AAA");
    expect(lines).toContain("gradeBands removed gradeBands.CC");
    expect(lines.filter((l) => l.startsWith("bins"))).toEqual([
      "bins changed indicators.debt_ratio.bins.1",
      "bins changed indicators.debt_ratio.bins.2",
      "bins changed indicators.debt_ratio.bins.3",
      "bins changed indicators.debt_ratio.bins.4",
      "bins added indicators.debt_ratio.bins.5",
    ]);
  });
});

describe("summarizeImpact", () => {
  it("counts unchanged, upgraded and downgraded customers, notches and the from-to matrix", () => {
    const summary = summarizeImpact(
      [
        { before: "BBB", after: "BBB" },
        { before: "BBB", after: "A" },
        { before: "BBB", after: "AA" },
        { before: "BB", after: "B" },
        { before: "BB", after: "B" },
        { before: "AAA", after: "C" },
      ],
      scale,
    );
    expect(summary).toMatchObject({ total: 6, unchanged: 1, upgraded: 2, downgraded: 3 });
    expect(summary.notchHistogram).toEqual([
      { notches: -8, count: 1 },
      { notches: -1, count: 2 },
      { notches: 0, count: 1 },
      { notches: 1, count: 1 },
      { notches: 2, count: 1 },
    ]);
    expect(summary.grades).toEqual(scale.grades.map((g) => g.grade));
    const cell = (from: string, to: string) => summary.matrix[summary.grades.indexOf(from)][summary.grades.indexOf(to)];
    expect(cell("BB", "B")).toBe(2);
    expect(cell("BBB", "BBB")).toBe(1);
    expect(cell("AAA", "C")).toBe(1);
    expect(summary.matrix.flat().reduce((a, b) => a + b, 0)).toBe(6);
  });

  it("handles an empty book", () => {
    expect(summarizeImpact([], scale)).toMatchObject({ total: 0, unchanged: 0, upgraded: 0, downgraded: 0, notchHistogram: [] });
  });

  it("rejects unknown grades with the index of the pair", () => {
    try {
      summarizeImpact([{ before: "A", after: "A" }, { before: "A", after: "Z" }], scale);
      throw new Error("expected VALIDATION");
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).fields.map((f) => f.path)).toEqual(["pairs.1.after"]);
    }
  });
});
