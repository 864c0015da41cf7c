/** Small model builders shared by the scoring tests. */
import type { Bin, Indicator, ModelDefinition } from "@/server/domain/scoring/model-schema";
import { DEFAULT_MASTER_SCALE } from "@/server/domain/scoring/master-scale";

export const scale = DEFAULT_MASTER_SCALE;

export const ALL_GRADES_COEFFICIENTS = { AAA: 1, AA: 1, A: 1, BBB: 1, BB: 1, B: 1, CCC: 1, CC: 1, C: 1 };

/** A one-indicator scorecard reading fact `x` through the given bins: the bin's value is the score. */
export function singleFactScorecard(bins: Bin[], extra: Partial<Indicator> = {}): ModelDefinition {
  return {
    key: "test-scorecard",
    version: 1,
    name: { en: "Test", zh: "测试" },
    kind: "scorecard",
    customerTypes: ["corporate"],
    indicators: [{ key: "x", name: { en: "x", zh: "x" }, group: "test", source: "fact", fact: "x", bins, missing: -1, ...extra }],
    gradeBands: [
      { grade: "AAA", minScore: 90 },
      { grade: "A", minScore: 50 },
      { grade: "C", minScore: 0 },
    ],
    caps: [],
    limit: { base: "BS014", existingDebt: "BS008", coefficients: ALL_GRADES_COEFFICIENTS },
    overrideMaxNotches: 2,
  };
}

/** Deep copy, for tests that break one field of a valid model. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Every number in a result, with its path: used to prove that no NaN, Infinity or undefined escapes. */
export function badLeaves(value: unknown, path = "result"): string[] {
  if (value === undefined) return [path];
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => badLeaves(v, `${path}.${i}`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => badLeaves(v, `${path}.${k}`));
  return [];
}
