import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/domain/errors";
import { CORPORATE_PD_MODEL as model } from "@/server/domain/scoring/default-models/corporate-pd";
import { INDIVIDUAL_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/individual-scorecard";
import { rate } from "@/server/domain/scoring/engine";
import type { ScoringIssue } from "@/server/domain/scoring/issues";
import type { RatingAdjustments, RatingInput } from "@/server/domain/scoring/rating-types";
import { scale } from "./helpers";

const input: RatingInput = {
  statements: {
    current: { BS001: 80, BS002: 200, BS003: 250, BS004: 700, BS007: 1000, BS008: 200, BS010: 600, BS011: 150, BS012: 0, BS013: 620, BS014: 380, IS001: 800, IS002: 640, IS003: 25, IS005: 45, IS006: 34, CF001: 50 },
    previous: { BS002: 180, BS003: 230, BS007: 950, BS014: 360, IS001: 760, IS006: 33 },
  },
  facts: { ql_management: "B", ql_industry_outlook: "B", ql_market_position: "C", ql_credit_history: "B" },
};
const base = rate(model, scale, input); // BBB, lnOdds 5.735

/** The engine's adjustment errors carry ScoringIssues (path, code, message, messageZh). */
function rejected(adjustments: RatingAdjustments, m = model, i = input): { fields: ScoringIssue[] } {
  try {
    rate(m, scale, i, adjustments);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("INVALID_ADJUSTMENT");
    return error as unknown as { fields: ScoringIssue[] };
  }
  throw new Error("expected INVALID_ADJUSTMENT");
}

const reason = { reasonCode: "GROUP_SUPPORT", reason: "Parent company guarantee confirmed" };

describe("multipliers", () => {
  it("scales an indicator within [1 - w, 1 + w] and reports the multiplier", () => {
    const result = rate(model, scale, input, { multipliers: { management_quality: 1.2, market_position: 0.8 } });
    const management = result.indicators.find((i) => i.key === "management_quality")!;
    expect(management).toMatchObject({ multiplier: 1.2, value: 0.4 });
    expect(management.contribution).toBeCloseTo(0.3 * 1.2 * 0.4, 15);
    // 0.3 * 0.2 * 0.4 more from management, 0.3 * 0.2 * 0.3 more from market position (a negative value shrunk)
    expect(result.lnOdds).toBeCloseTo(base.lnOdds! + 0.024 + 0.018, 12);
  });

  it("accepts the exact ends of the range and 1 for an indicator without weightAdjust", () => {
    expect(() => rate(model, scale, input, { multipliers: { management_quality: 0.8 } })).not.toThrow();
    expect(() => rate(model, scale, input, { multipliers: { management_quality: 1.2 } })).not.toThrow();
    expect(() => rate(model, scale, input, { multipliers: { debt_ratio: 1 } })).not.toThrow();
  });

  it("rejects, never clamps, a multiplier outside the range, naming the field", () => {
    const error = rejected({ multipliers: { management_quality: 1.25 } });
    expect(error.fields).toEqual([expect.objectContaining({ path: "multipliers.management_quality", code: "adjustment.multiplier_range" })]);
    expect(error.fields[0].message).toContain("[0.8, 1.2]");
    expect(rejected({ multipliers: { management_quality: 0.79 } }).fields[0].path).toBe("multipliers.management_quality");
    expect(rejected({ multipliers: { debt_ratio: 1.01 } }).fields[0].path).toBe("multipliers.debt_ratio");
    expect(rejected({ multipliers: { management_quality: Number.NaN } }).fields[0].path).toBe("multipliers.management_quality");
    expect(rejected({ multipliers: { management_quality: "1.1" as never } }).fields[0].path).toBe("multipliers.management_quality");
  });

  it("rejects a multiplier for an indicator the model does not have", () => {
    expect(rejected({ multipliers: { nonsense: 1 } }).fields[0]).toMatchObject({ path: "multipliers.nonsense", code: "adjustment.unknown_indicator" });
  });
});

describe("overrides", () => {
  it("moves the grade by the notches (positive = better) and takes the new grade's PD", () => {
    const up = rate(model, scale, input, { override: { notches: 2, ...reason } });
    expect(base.grade).toBe("BBB");
    expect(up).toMatchObject({ modelGrade: "BBB", cappedGrade: "BBB", grade: "AA", overrideNotches: 2, pd: 0.0007 });
    const down = rate(model, scale, input, { override: { notches: -1, ...reason } });
    expect(down).toMatchObject({ grade: "BB", overrideNotches: -1, pd: 0.01 });
    // The model's own figures are kept for the record.
    expect(down.modelPd).toBe(base.modelPd);
    expect(down.score).toBe(base.score);
  });

  it("computes the limit on the grade in force after the override", () => {
    const down = rate(model, scale, input, { override: { notches: -2, ...reason } });
    expect(down.grade).toBe("B");
    expect(down.limit.coefficient).toBe(0.3);
  });

  it("rejects more notches than the model allows", () => {
    expect(rejected({ override: { notches: 3, ...reason } }).fields[0]).toMatchObject({ path: "override.notches", code: "adjustment.notches_exceeded" });
    expect(rejected({ override: { notches: -3, ...reason } }).fields[0].path).toBe("override.notches");
    // The individual scorecard allows one notch only.
    const individual = { statements: { current: {} }, facts: {} };
    expect(rejected({ override: { notches: -2, ...reason } }, INDIVIDUAL_SCORECARD_MODEL, individual).fields[0].code).toBe("adjustment.notches_exceeded");
  });

  it("rejects zero and fractional notches", () => {
    expect(rejected({ override: { notches: 0, ...reason } }).fields[0].code).toBe("adjustment.notches_integer");
    expect(rejected({ override: { notches: 1.5, ...reason } }).fields[0].code).toBe("adjustment.notches_integer");
  });

  it("requires a reason code and a reason text", () => {
    const error = rejected({ override: { notches: 1, reasonCode: " ", reason: "" } });
    expect(error.fields.map((f) => f.path)).toEqual(["override.reasonCode", "override.reason"]);
    expect(rejected({ override: { notches: 1, reasonCode: "X" } as never }).fields[0].path).toBe("override.reason");
  });

  it("rejects moving past the best grade or onto the default grade D", () => {
    const strong: RatingInput = {
      statements: {
        current: { BS001: 200, BS002: 100, BS003: 100, BS004: 600, BS007: 1000, BS008: 50, BS010: 250, BS011: 50, BS012: 0, BS013: 350, BS014: 650, IS001: 1500, IS002: 1000, IS003: 10, IS005: 210, IS006: 160, CF001: 120 },
        previous: { BS002: 100, BS003: 100, BS007: 900, BS014: 600, IS001: 1300, IS006: 140 },
      },
      facts: { ql_management: "A", ql_industry_outlook: "A", ql_market_position: "A", ql_credit_history: "A" },
    };
    expect(rate(model, scale, strong).grade).toBe("AAA");
    expect(rejected({ override: { notches: 1, ...reason } }, model, strong).fields[0]).toMatchObject({ path: "override.notches", code: "adjustment.grade_out_of_scale" });

    const hopeless = { statements: { current: {} }, facts: {} };
    expect(rate(INDIVIDUAL_SCORECARD_MODEL, scale, hopeless).grade).toBe("C");
    expect(rejected({ override: { notches: -1, ...reason } }, INDIVIDUAL_SCORECARD_MODEL, hopeless).fields[0].code).toBe("adjustment.grade_out_of_scale");
  });

  it("reports every problem of an adjustment at once", () => {
    const error = rejected({ multipliers: { debt_ratio: 2, nonsense: 1 }, override: { notches: 5, reasonCode: "", reason: "" } });
    expect(error.fields.map((f) => f.path)).toEqual(["multipliers.debt_ratio", "multipliers.nonsense", "override.notches", "override.reasonCode", "override.reason"]);
    expect(error.fields.every((f) => typeof f.messageZh === "string")).toBe(true);
  });
});
