import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/domain/errors";
import { gradeForPd, gradeIndex, moveGrade } from "@/server/domain/scoring/engine";
import { DEFAULT_MASTER_SCALE } from "@/server/domain/scoring/master-scale";
import { validateMasterScale } from "@/server/domain/scoring/validate-model";
import { clone } from "./helpers";

const scale = DEFAULT_MASTER_SCALE;

describe("default master scale", () => {
  it("is valid: AAA..C with increasing PD bands, then D at 100%", () => {
    expect(validateMasterScale(scale)).toEqual([]);
    expect(scale.grades.map((g) => g.grade)).toEqual(["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"]);
    expect(scale.pdFloor).toBe(0.0003);
    expect(scale.grades.map((g) => g.pd)).toEqual([0.0003, 0.0007, 0.0015, 0.004, 0.01, 0.025, 0.065, 0.15, 0.35, 1]);
  });

  it("maps a PD to the first grade whose exclusive upper bound is above it, never to D", () => {
    expect(gradeForPd(scale, 0.0003)).toBe("AAA");
    expect(gradeForPd(scale, 0.000499)).toBe("AAA");
    expect(gradeForPd(scale, 0.0005)).toBe("AA"); // bounds are exclusive
    expect(gradeForPd(scale, 0.0025)).toBe("BBB");
    expect(gradeForPd(scale, 0.0599)).toBe("CCC");
    expect(gradeForPd(scale, 0.2)).toBe("C");
    expect(gradeForPd(scale, 1)).toBe("C");
  });

  it("indexes and moves grades (positive notches = better)", () => {
    expect(gradeIndex(scale, "AAA")).toBe(0);
    expect(gradeIndex(scale, "D")).toBe(9);
    expect(gradeIndex(scale, "Z")).toBe(-1);
    expect(moveGrade(scale, "BBB", 2)).toBe("AA");
    expect(moveGrade(scale, "BBB", -5)).toBe("C");
    expect(moveGrade(scale, "AA", 1)).toBe("AAA");
    for (const [grade, notches] of [["AA", 2], ["C", -1], ["D", 1], ["Z", 1], ["A", 0.5]] as const) {
      expect(() => moveGrade(scale, grade, notches)).toThrow(DomainError);
    }
  });
});

describe("validateMasterScale", () => {
  const issue = (mutate: (s: typeof scale) => void) => {
    const s = clone(scale);
    mutate(s);
    return validateMasterScale(s).map((i) => `${i.path} ${i.code}`);
  };

  it("rejects duplicate grades", () => expect(issue((s) => (s.grades[2].grade = "AA"))).toContain("grades.2.grade scale.duplicate_grade"));
  it("requires D last with PD 1 and no band", () => {
    expect(issue((s) => (s.grades[9].grade = "DD"))).toContain("grades.9.grade scale.last_not_default");
    expect(issue((s) => (s.grades[9].pd = 0.9))).toContain("grades.9.pd scale.default_pd");
    expect(issue((s) => (s.grades[9].maxPd = 1))).toContain("grades.9.maxPd scale.default_max_pd");
  });
  it("requires strictly increasing upper bounds", () => expect(issue((s) => (s.grades[4].maxPd = 0.006))).toContain("grades.4.maxPd scale.max_pd_order"));
  it("requires strictly increasing representative PDs", () => expect(issue((s) => (s.grades[5].pd = 0.01))).toContain("grades.5.pd scale.pd_order"));
  it("requires each representative PD inside its band", () => {
    expect(issue((s) => (s.grades[3].pd = 0.0065))).toContain("grades.3.pd scale.pd_outside_band");
    expect(issue((s) => (s.grades[3].pd = 0.002))).toContain("grades.3.pd scale.pd_outside_band");
  });
  it("allows an open band only on the last grade before D", () => {
    expect(issue((s) => (s.grades[4].maxPd = null))).toContain("grades.4.maxPd scale.open_band");
    expect(issue((s) => (s.grades[8].maxPd = 0.5))).toContain("grades.8.maxPd scale.last_band_bounded");
  });
  it("requires the PD floor below the best grade's bound", () => expect(issue((s) => (s.pdFloor = 0.0005))).toContain("pdFloor scale.pd_floor"));
  it("reports shape errors with their path", () => {
    expect(issue((s) => ((s.grades[1] as { pd: unknown }).pd = "0.07"))).toEqual(["grades.1.pd schema.invalid"]);
    expect(validateMasterScale(null)[0].code).toBe("schema.invalid");
  });
  it("gives every issue an English and a Chinese message", () => {
    const s = clone(scale);
    s.grades[5].pd = 0.01;
    const [first] = validateMasterScale(s);
    expect(first.message).toMatch(/must be greater/);
    expect(first.messageZh).toMatch(/必须大于/);
  });
});
