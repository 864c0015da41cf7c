/**
 * Small constructors that keep the default model files readable: a bin list reads like the table in
 * docs/models.md ("below 0.8 -> -1, up to 1.3 -> 0, above -> 1").
 */
import type { Bin, ChoiceOption, LocalizedText } from "../model-schema";

/** Values strictly below `lt` (x < lt). */
export const below = (lt: number, value: number): Bin => ({ lt, value });
/** Values up to and including `lt` (x <= lt). */
export const upTo = (lt: number, value: number): Bin => ({ lt, inclusive: true, value });
/** Everything the earlier bins did not take. */
export const rest = (value: number): Bin => ({ lt: null, value });

export const option = (code: string, en: string, zh: string, value: number): ChoiceOption => ({ code, label: { en, zh }, value });

export const text = (en: string, zh: string): LocalizedText => ({ en, zh });

/** Grade -> limit coefficient, listed best first like the master scale. */
export function gradeCoefficients(values: [string, number][]): Record<string, number> {
  return Object.fromEntries(values);
}
