/**
 * Inputs and outputs of the rating engine (SPEC 5.5). Everything here is plain JSON-serialisable data so that a
 * rating can store its input snapshot and result and re-derive the identical result later.
 */
import type { CapOperator, LocalizedText } from "./model-schema";

export type FactValue = number | string | boolean;

export interface RatingInput {
  /** Line items by item code (BS001 ... CF003), amounts in yuan. Numeric strings are accepted (database numerics). */
  statements: { current: Record<string, number>; previous?: Record<string, number> };
  /** Numeric facts and choice answers (option codes) by fact key. */
  facts: Record<string, FactValue>;
  /** GB/T 4754 section letter (A..T) for the industry limit coefficient. */
  industrySection?: string;
}

export interface RatingOverride {
  /** Positive = better grade. */
  notches: number;
  reasonCode: string;
  reason: string;
}

export interface RatingAdjustments {
  /** Per-indicator multipliers within [1 - weightAdjust, 1 + weightAdjust]. */
  multipliers?: Record<string, number>;
  override?: RatingOverride;
}

export interface IndicatorResult {
  key: string;
  group: string;
  /** The computed ratio or fact value (number), or the answer given (text) for a choice; null when missing. */
  raw: number | string | null;
  /** Index of the bin the raw value fell into (formula / fact indicators), null if missing or a choice. */
  binIndex: number | null;
  /** The matched option code (choice indicators), null if missing or not a choice. */
  optionCode: string | null;
  /** Points (scorecard) or scaled value (PD model) of the bin / option, or the model's `missing` value. */
  value: number;
  multiplier: number;
  /** coefficient * multiplier * value (PD model) or multiplier * value (scorecard). */
  contribution: number;
  missing: boolean;
}

export interface AppliedCap {
  indicator?: string;
  fact?: string;
  op: CapOperator;
  value: number | string | boolean;
  /** The value the condition was checked against. */
  observed: number | string;
  maxGrade: string;
  reason: LocalizedText;
}

export interface LimitResult {
  /** The model's debt-capacity base (e.g. cash flow and equity based), null when it cannot be computed. */
  base: number | null;
  /** Limit coefficient of the grade in force. */
  coefficient: number;
  /** Industry coefficient of the customer's GB/T 4754 section (1 when none applies). */
  industryCoefficient: number;
  /** max(0, base) * coefficient * industryCoefficient (债务承受额). */
  debtCapacity: number;
  /** Existing interest-bearing debt, null when it cannot be computed. */
  existingDebt: number | null;
  /** max(0, debtCapacity - max(0, existingDebt)) (风险限额); 0 when existing debt is unknown, to stay prudent. */
  riskLimit: number;
}

export interface RatingResult {
  modelKey: string;
  modelVersion: number;
  indicators: IndicatorResult[];
  /** PD model only: log-odds of not defaulting. */
  lnOdds?: number;
  /** Display score (PD model) or points total (scorecard), rounded to 2 decimals. */
  score: number;
  /** PD of the model alone, before caps and override. */
  modelPd: number;
  /** Final PD: after caps (max with the capped grade's PD) and override (the new grade's PD). */
  pd: number;
  modelGrade: string;
  appliedCaps: AppliedCap[];
  /** The model grade after caps: the worst of the model grade and every applicable cap. */
  cappedGrade: string;
  /** The grade in force: the capped grade moved by the override, if any. */
  grade: string;
  /** 0 when there is no override; positive = upgraded. */
  overrideNotches: number;
  limit: LimitResult;
}
