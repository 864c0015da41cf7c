/** The compact explanation stored with batch re-rating results. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactExplanation, compactExplanationJson, expandCompactExplanation, moneyJson, shortNumber } from "@/server/domain/scoring/compact-explanation";
import { roundMoney } from "@/server/domain/scoring/rounding";
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
  it.each(models)("%s: one (raw, bin or option) pair per factor in model order; expanded against the version it gives rate()'s factors", (_key, model) => {
    const random = seededRandom(11);
    for (let n = 0; n < 50; n++) {
      const full = rate(model, scale, SYNTHETIC_GENERATORS[model.key](random));
      const c = compactExplanation(full);
      expect(c.v).toBe(2);
      expect(c.f).toHaveLength(model.indicators.length);
      const expanded = expandCompactExplanation(model, scale, c);
      full.indicators.forEach((i, k) => {
        const [raw, bin] = c.f[k];
        expect(bin).toBe(i.optionCode ?? i.binIndex);
        if (typeof i.raw === "number") expect(Math.abs((raw as number) - i.raw)).toBeLessThanOrEqual(Math.abs(i.raw) * 5e-6);
        else expect(raw).toBe(i.raw);
        // points and contribution come from the version, exactly
        expect(expanded[k]).toEqual({ key: i.key, raw, binIndex: i.binIndex, optionCode: i.optionCode, value: i.value, contribution: i.contribution, missing: i.missing });
      });
      expect(c.caps).toEqual(full.appliedCaps.map((a) => a.maxGrade));
      if (full.lnOdds === undefined) expect(c.lnOdds).toBeNull();
      else expect(c.lnOdds).toBeCloseTo(full.lnOdds, 4);
      expect(c.limit).toEqual([full.limit.base, full.limit.coefficient, full.limit.industryCoefficient, full.limit.debtCapacity, full.limit.existingDebt, full.limit.riskLimit]);
    }
  });

  it("expands an unknown bin, option or a missing tuple as the model's missing value", () => {
    const model = DEFAULT_MODELS.find((m) => m.key === "corporate-pd")!;
    const c = compactExplanation(rate(model, scale, SYNTHETIC_GENERATORS[model.key](seededRandom(3))));
    const choice = model.indicators.findIndex((i) => i.source === "choice");
    c.f[0] = [1, 99];
    c.f[choice] = ["Z", "Z"];
    c.f.length = model.indicators.length - 1;
    const e = expandCompactExplanation(model, scale, c);
    for (const k of [0, choice, model.indicators.length - 1]) {
      expect(e[k].missing).toBe(true);
      expect(e[k].value).toBe(model.indicators[k].missing);
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
    expect(compactExplanation(withRaw(raw)).f[0][0]).toBe(shown);
  });

  it("writes non-finite numbers as null and escapes text answers", () => {
    expect(compactExplanation(withRaw(Number.NaN)).f[0][0]).toBeNull();
    expect(compactExplanation(withRaw(Number.POSITIVE_INFINITY)).f[0][0]).toBeNull();
    const hostile = 'a"b\\c\n</script>';
    expect(compactExplanation(withRaw(hostile, { optionCode: hostile, binIndex: null })).f[0]).toEqual([hostile, hostile]);
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

describe("number text of the compact explanation", () => {
  it("six significant digits read back within half a unit of the sixth digit, for ratios of every magnitude and sign", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.integer({ min: -14, max: 0 }), (x, e) => {
        const n = x * 10 ** e;
        const text = shortNumber(n);
        const back = Number(text);
        expect(Number.isFinite(back)).toBe(true);
        if (n !== 0) expect(Math.abs(back - n)).toBeLessThanOrEqual(Math.abs(n) * 5.000001e-6);
        const significant = text.replace(/e.*$/, "").replace(/[-.]/g, "").replace(/^0+/, "").replace(/0+$/, "");
        expect(significant.length).toBeLessThanOrEqual(6);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    [0.1, "0.1"], [12.5, "12.5"], [-0.0001234564, "-0.000123456"], [99999.95, "100000"], [0.999999, "0.999999"], [0.9999996, "1"], [1e-12, "1e-12"], [2.0000001, "2"],
  ])("%d is written as %s", (n, text) => {
    expect(shortNumber(n)).toBe(text);
  });

  it("money is written exactly, from its whole number of fen", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 1e14 }), (fen) => {
        const amount = roundMoney(fen / 100);
        expect(Number(moneyJson(amount))).toBe(amount);
      }),
      { numRuns: 3000 },
    );
    expect([moneyJson(1567940.48), moneyJson(-0.05), moneyJson(12.1), moneyJson(3), moneyJson(null), moneyJson(Number.NaN), moneyJson(0.1 + 0.2)]).toEqual(["1567940.48", "-0.05", "12.1", "3", "null", "null", String(0.1 + 0.2)]);
  });
});
