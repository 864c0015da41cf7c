import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileModel } from "@/server/domain/scoring/batch";
import { DEFAULT_MODELS } from "@/server/domain/scoring/default-models";
import { rate } from "@/server/domain/scoring/engine";
import type { RatingInput } from "@/server/domain/scoring/rating-types";
import { SYNTHETIC_GENERATORS, seededRandom } from "@/server/domain/scoring/synthetic-inputs";
import { hostileInput } from "./arbitraries";
import { scale } from "./helpers";

describe.each(DEFAULT_MODELS.map((m) => [m.key, m] as const))("compiled batch scorer: %s", (_key, model) => {
  const compiled = compileModel(model, scale);

  function expectSameAsRate(inputs: RatingInput[]): void {
    const rows = compiled.createRows(inputs.length);
    const scores = compiled.createScores(inputs.length);
    inputs.forEach((input, i) => compiled.packInput(input, rows, i));
    compiled.scoreRows(rows, inputs.length, scores);
    inputs.forEach((input, i) => {
      const expected = rate(model, scale, input);
      const got = { grade: compiled.grades[scores.gradeIndex[i]], pd: scores.pd[i], score: scores.score[i] };
      // Exact equality, not closeness: both paths must sum the same terms in the same order.
      expect(got, `input ${i}`).toEqual({ grade: expected.grade, pd: expected.pd, score: expected.score });
    });
  }

  it("gives exactly rate()'s grade, PD and score on 3,000 synthetic customers", () => {
    const random = seededRandom(2024);
    const generate = SYNTHETIC_GENERATORS[model.key];
    expectSameAsRate(Array.from({ length: 3000 }, () => generate(random)));
  });

  it("gives exactly rate()'s grade, PD and score on 1,000 hostile inputs", () => {
    expectSameAsRate(fc.sample(hostileInput(model), { numRuns: 1000, seed: 7 }));
  });

  it("describes its row layout: one column per indicator, then one per cap", () => {
    expect(compiled.columns).toEqual([...model.indicators.map((i) => i.key), ...model.caps.map((_, c) => `cap:${c}`)]);
    expect(compiled.rowWidth).toBe(model.indicators.length + model.caps.length);
    expect(compiled.grades).toEqual(scale.grades.map((g) => g.grade));
    expect(compiled).toMatchObject({ modelKey: model.key, modelVersion: model.version });
  });
});
