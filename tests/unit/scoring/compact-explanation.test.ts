/** The compact explanation stored with batch re-rating results. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactExplanation, compactExplanationJson } from "@/server/domain/scoring/compact-explanation";
import { DEFAULT_MODELS } from "@/server/domain/scoring/default-models";
import { rate } from "@/server/domain/scoring/engine";
import type { RatingResult } from "@/server/domain/scoring/rating-types";
import { SYNTHETIC_GENERATORS, seededRandom } from "@/server/domain/scoring/synthetic-inputs";
import { hostileInput } from "./arbitraries";
import { scale } from "./helpers";

const models = DEFAULT_MODELS.map((m) => [m.key, m] as const);

/** A result with one chosen indicator raw value, the rest of a real rating unchanged. */
function withRaw(raw: number | string | null, extra: Partial<RatingResult["indicators"][number]> = {}): RatingResult {
  const model = DEFAULT_MODELS.find((m) => m.key === "corporate-pd")!;
  const r = rate(model, scale, SYNTHETIC_GENERATORS[model.key](seededRandom(1)));
  return { ...r, indicators: [{ ...r.indicators[0], raw, ...extra }] };
}

describe("compact explanation", () => {
  it.each(models)("%s: one tuple per factor in model order, with bin or option, points and contribution", (_key, model) => {
    const random = seededRandom(11);
    for (let n = 0; n < 50; n++) {
      const full = rate(model, scale, SYNTHETIC_GENERATORS[model.key](random));
      const c = compactExplanation(full);
      expect(c.v).toBe(1);
      expect(c.f.map((f) => f[0])).toEqual(model.indicators.map((i) => i.key));
      full.indicators.forEach((i, k) => {
        const [, raw, bin, value, contribution] = c.f[k];
        expect(bin).toBe(i.optionCode ?? i.binIndex);
        expect(value).toBeCloseTo(i.value, 4);
        expect(contribution).toBeCloseTo(i.contribution, 4);
        if (typeof i.raw === "number") expect(Math.abs((raw as number) - i.raw)).toBeLessThanOrEqual(Math.abs(i.raw) * 5e-6);
        else expect(raw).toBe(i.raw);
      });
      expect(c.caps).toEqual(full.appliedCaps.map((a) => a.maxGrade));
      expect(c.limit).toEqual([full.limit.base, full.limit.coefficient, full.limit.industryCoefficient, full.limit.debtCapacity, full.limit.existingDebt, full.limit.riskLimit]);
    }
  });

  it.each([
    [0.5758556830838968, 0.575856],
    [-0.15828960188102717, -0.15829],
    [58530519.37, 58530500],
    [123456.5, 123457],
    [0.000012345678, 0.0000123457],
    [3, 3],
    [0, 0],
    [-7, -7],
    [5e-324, 5e-324],
    [1.2345678e-310, 1.23457e-310],
  ])("keeps %d to six significant digits: %d", (raw, shown) => {
    expect(compactExplanation(withRaw(raw)).f[0][1]).toBe(shown);
  });

  it("writes non-finite numbers as null and escapes text answers", () => {
    expect(compactExplanation(withRaw(Number.NaN)).f[0][1]).toBeNull();
    expect(compactExplanation(withRaw(Number.POSITIVE_INFINITY)).f[0][1]).toBeNull();
    const hostile = 'a"b\\c\n</script>';
    expect(compactExplanation(withRaw(hostile, { optionCode: hostile, binIndex: null })).f[0].slice(1, 3)).toEqual([hostile, hostile]);
  });

  it.each(models)("%s: is valid JSON with finite numbers for any input, and smaller than the full result", (_key, model) => {
    fc.assert(
      fc.property(hostileInput(model), (input) => {
        const full = rate(model, scale, input);
        const json = compactExplanationJson(full);
        const numbers = (JSON.parse(json) as { f: unknown[][]; limit: unknown[] }).f.flat().concat((JSON.parse(json) as { limit: unknown[] }).limit).filter((x) => typeof x === "number");
        expect(numbers.every(Number.isFinite)).toBe(true);
        expect(json.length).toBeLessThan(JSON.stringify(full).length);
      }),
      { numRuns: 200 },
    );
  });
});
