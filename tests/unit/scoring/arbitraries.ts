/** fast-check arbitraries for hostile and plausible rating inputs. */
import fc from "fast-check";
import type { ModelDefinition } from "@/server/domain/scoring/model-schema";
import { requiredInputs } from "@/server/domain/scoring/required-inputs";
import type { RatingInput } from "@/server/domain/scoring/rating-types";

export const ITEM_CODES = [
  ...Array.from({ length: 14 }, (_, i) => `BS${String(i + 1).padStart(3, "0")}`),
  ...Array.from({ length: 6 }, (_, i) => `IS${String(i + 1).padStart(3, "0")}`),
  "CF001", "CF002", "CF003",
];

/** Anything a careless import or a hostile client could put where a number belongs. */
export const hostileValue = fc.oneof(
  fc.double(), // includes NaN, +-Infinity, -0, subnormals, +-1.7e308
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, Number.NaN, Number.POSITIVE_INFINITY),
  fc.constantFrom("", " ", "12", "1e999", "-0", "NaN", "Infinity", "0x10", "1,000", "A", "B", "none", "true"),
  fc.string(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.constant({}),
  fc.constant([1, 2]),
);

/** A record of statement items: real codes, junk keys and prototype-looking keys, with hostile values. */
export const hostileItems = fc.dictionary(fc.oneof(fc.constantFrom(...ITEM_CODES), fc.constantFrom("constructor", "__proto__", "toString", "bs001")), hostileValue, { maxKeys: 30 });

/** Facts for a model: its own fact keys (with hostile or valid answers) plus junk. */
export function hostileFacts(model: ModelDefinition) {
  const inputs = requiredInputs(model);
  const keys = inputs.facts.map((f) => f.key);
  const codes = inputs.facts.flatMap((f) => f.options?.map((o) => o.code) ?? []);
  const value = fc.oneof(hostileValue, fc.constantFrom(...(codes.length ? codes : ["A"])));
  return fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.constantFrom("constructor", "__proto__", "valueOf")), value, { maxKeys: keys.length + 3 });
}

export function hostileInput(model: ModelDefinition): fc.Arbitrary<RatingInput> {
  return fc.record({
    statements: fc.oneof(
      fc.record({ current: hostileItems, previous: fc.option(hostileItems, { nil: undefined }) }),
      fc.constantFrom(null, undefined, {}, [], "statements") as fc.Arbitrary<never>,
      fc.record({ current: fc.constantFrom(null, 7, "x") as fc.Arbitrary<never>, previous: hostileItems }),
    ),
    facts: fc.oneof(hostileFacts(model), fc.constantFrom(null, undefined, [], "facts") as fc.Arbitrary<never>),
    industrySection: fc.option(fc.oneof(fc.constantFrom("A", "C", "K", "T", "Z", "constructor", "__proto__"), fc.string()), { nil: undefined }),
  }) as fc.Arbitrary<RatingInput>;
}
