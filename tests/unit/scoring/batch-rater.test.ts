/** The batch re-rating scorer equals rate() plus the compact explanation, exactly, on every default model. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileBatchRater } from "@/server/domain/scoring/batch-rater";
import { compactExplanationJson } from "@/server/domain/scoring/compact-explanation";
import { DEFAULT_MODELS } from "@/server/domain/scoring/default-models";
import { rate } from "@/server/domain/scoring/engine";
import type { ModelDefinition } from "@/server/domain/scoring/model-schema";
import type { RatingInput } from "@/server/domain/scoring/rating-types";
import { SYNTHETIC_GENERATORS, seededRandom } from "@/server/domain/scoring/synthetic-inputs";
import { hostileInput } from "./arbitraries";
import { scale } from "./helpers";

const models = DEFAULT_MODELS.map((m) => [m.key, m] as const);

function expected(model: ModelDefinition, input: RatingInput) {
  const r = rate(model, scale, input);
  return { score: r.score, pd: r.pd, modelGrade: r.modelGrade, grade: r.grade, debtCapacity: r.limit.debtCapacity, riskLimit: r.limit.riskLimit, explanation: compactExplanationJson(r) };
}

describe("batch rater", () => {
  it.each(models)("%s: 2,000 synthetic customers, as parsed from a stored snapshot, give rate()'s figures and explanation text", (_key, model) => {
    const rater = compileBatchRater(model, scale);
    const random = seededRandom(23);
    const grades = new Set<string>();
    for (let n = 0; n < 2_000; n++) {
      const input = JSON.parse(JSON.stringify(SYNTHETIC_GENERATORS[model.key](random))) as RatingInput;
      const got = rater(input);
      expect(got).toEqual(expected(model, input));
      grades.add(got.grade);
    }
    expect(grades.size).toBeGreaterThan(3); // the comparison covered more than one corner of the model
  });

  it.each(models)("%s: hostile inputs (junk values, missing parts, prototype keys) give rate()'s figures and explanation text", (_key, model) => {
    const rater = compileBatchRater(model, scale);
    fc.assert(
      fc.property(hostileInput(model), (input) => {
        expect(rater(input)).toEqual(expected(model, input));
      }),
      { numRuns: 300 },
    );
  });

  it("applies caps like rate(): a corporate with past defaults is capped and its caps are listed", () => {
    const model = DEFAULT_MODELS.find((m) => m.key === "corporate-pd")!;
    const rater = compileBatchRater(model, scale);
    const random = seededRandom(5);
    let capped = 0;
    for (let n = 0; n < 500; n++) {
      const input = SYNTHETIC_GENERATORS[model.key](random) as RatingInput & { facts: Record<string, unknown> };
      input.facts = { ...input.facts, defaults_24m: 1 + (n % 3) };
      const got = rater(input);
      expect(got).toEqual(expected(model, input));
      if (JSON.parse(got.explanation).caps.length) capped++;
    }
    expect(capped).toBeGreaterThan(0);
  });
});
