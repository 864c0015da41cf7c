/** Property tests (fast-check) over the shipped models. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MODELS } from "@/server/domain/scoring/default-models";
import { gradeIndex, rate } from "@/server/domain/scoring/engine";
import type { Indicator, ModelDefinition } from "@/server/domain/scoring/model-schema";
import { SYNTHETIC_GENERATORS, seededRandom } from "@/server/domain/scoring/synthetic-inputs";
import { hostileInput } from "./arbitraries";
import { badLeaves, clone, scale } from "./helpers";

const models = DEFAULT_MODELS.map((m) => [m.key, m] as const);
const modelGrades = scale.grades.slice(0, -1).map((g) => g.grade);

describe.each(models)("%s properties", (_key, model) => {
  it("never returns NaN, Infinity or undefined, whatever the input", () => {
    fc.assert(
      fc.property(hostileInput(model), (input) => {
        const result = rate(model, scale, input);
        expect(badLeaves(result)).toEqual([]);
        expect(modelGrades).toContain(result.grade);
        expect(result.pd).toBeGreaterThan(0);
        expect(result.pd).toBeLessThanOrEqual(1);
        expect(result.limit.riskLimit).toBeGreaterThanOrEqual(0);
        expect(result.limit.debtCapacity).toBeGreaterThanOrEqual(0);
        expect(result.indicators).toHaveLength(model.indicators.length);
      }),
      { numRuns: 400 },
    );
  });

  it("score -> grade is monotonic: a higher score never gives a worse model grade", () => {
    const generate = SYNTHETIC_GENERATORS[model.key];
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (seedA, seedB) => {
        const a = rate(model, scale, generate(seededRandom(seedA)));
        const b = rate(model, scale, generate(seededRandom(seedB)));
        const [low, high] = a.score <= b.score ? [a, b] : [b, a];
        expect(gradeIndex(scale, high.modelGrade)).toBeLessThanOrEqual(gradeIndex(scale, low.modelGrade));
        // and a lower PD for the PD model
        if (model.kind === "pd_logistic" && high.score > low.score) expect(high.modelPd).toBeLessThanOrEqual(low.modelPd);
      }),
      { numRuns: 300 },
    );
  });

  const monotonic = model.indicators.filter((i) => i.monotonic && i.source !== "choice");
  it.runIf(monotonic.length > 0)("a better raw value of a monotonic indicator never lowers the score", () => {
    // Read each monotonic indicator from a fact so the property can set its raw value directly; bins, values,
    // coefficients and the rest of the model are unchanged.
    const variant: ModelDefinition = clone(model);
    variant.indicators = variant.indicators.map((i): Indicator => (i.monotonic && i.source === "formula" ? { ...i, source: "fact", fact: `raw_${i.key}`, formula: undefined } : i));
    const generate = SYNTHETIC_GENERATORS[model.key];
    const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...monotonic), finite, finite, (seed, indicator, x, y) => {
        const input = generate(seededRandom(seed));
        const fact = indicator.source === "fact" ? indicator.fact! : `raw_${indicator.key}`;
        const [worse, better] = indicator.monotonic === "increasing" ? [Math.min(x, y), Math.max(x, y)] : [Math.max(x, y), Math.min(x, y)];
        const scoreWith = (raw: number) => rate(variant, scale, { ...input, facts: { ...input.facts, [fact]: raw } }).score;
        expect(scoreWith(better)).toBeGreaterThanOrEqual(scoreWith(worse));
      }),
      { numRuns: 400 },
    );
  });

  it("is deterministic: rating the same input twice gives identical results", () => {
    const generate = SYNTHETIC_GENERATORS[model.key];
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const input = generate(seededRandom(seed));
        const first = rate(model, scale, input);
        const snapshot = JSON.parse(JSON.stringify(input));
        expect(rate(model, scale, snapshot)).toEqual(first);
        expect(rate(clone(model), clone(scale), snapshot)).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});
