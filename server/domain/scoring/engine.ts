/**
 * The rating engine (SPEC 5.3 and 5.5): `rate(model, masterScale, input, adjustments?)`, pure and synchronous.
 *
 * Steps: indicators (raw value -> bin or option -> value, times the analyst's multiplier) -> score and model PD
 * and grade (logistic link or score bands) -> caps -> override -> debt capacity and risk limit on the grade in
 * force. Nothing is rounded except the score (2 decimals) and the money figures (cents), so a stored result can be
 * re-derived and compared exactly.
 */
import { DomainError } from "@/server/domain/errors";
import type { Facts, StatementItems } from "./formula";
import { moveGrade, gradeIndex } from "./grades";
import { scoringIssue, type ScoringIssue } from "./issues";
import type { MasterScale, ModelDefinition } from "./model-schema";
import {
  capHolds,
  capObserved,
  findBin,
  gradeIndexOfPd,
  gradeIndexOfScore,
  hasOwn,
  loadInput,
  logisticPd,
  logisticScore,
  prepareModel,
  readAnswer,
  type LoadedInput,
  type PreparedIndicator,
  type PreparedModel,
} from "./prepared-model";
import type { AppliedCap, IndicatorResult, LimitResult, RatingAdjustments, RatingInput, RatingResult } from "./rating-types";
import { roundMoney, roundScore } from "./rounding";

export { gradeForPd, gradeIndex, moveGrade } from "./grades";
export { prepareModel } from "./prepared-model";
export type * from "./rating-types";

/** Amounts beyond a quadrillion yuan are data errors; treating them as missing keeps every product finite. */
const MAX_MONEY = 1e15;
/** Multiplier bounds are compared with this tolerance so that 1 - 0.3 is accepted when w = 0.3. */
const MULTIPLIER_TOLERANCE = 1e-9;
const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export interface NormalizedInput {
  current: StatementItems;
  previous: StatementItems | null;
  facts: Facts;
  industrySection: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Accepts loosely shaped input (imports, snapshots): absent or malformed parts are simply missing data. */
export function normalizeInput(input: RatingInput): NormalizedInput {
  if (!isRecord(input)) {
    const issue = { path: "input", message: "Rating input must be an object" };
    throw new DomainError("VALIDATION", issue.message, { fields: [issue] });
  }
  const statements = isRecord(input.statements) ? input.statements : EMPTY;
  return {
    current: isRecord(statements.current) ? statements.current : EMPTY,
    previous: isRecord(statements.previous) ? statements.previous : null,
    facts: isRecord(input.facts) ? input.facts : EMPTY,
    industrySection: typeof input.industrySection === "string" ? input.industrySection : null,
  };
}

export function rate(model: ModelDefinition, masterScale: MasterScale, input: RatingInput, adjustments?: RatingAdjustments): RatingResult {
  const prepared = prepareModel(model, masterScale);
  const multipliers = checkAdjustments(prepared, adjustments);
  return evaluate(prepared, normalizeInput(input), multipliers, adjustments?.override?.notches ?? 0);
}

// ---------------------------------------------------------------------------------------------------------
// Adjustments: checked in full before anything is computed, never clamped.

function checkAdjustments(prepared: PreparedModel, adjustments: RatingAdjustments | undefined): Float64Array {
  if (adjustments === undefined || adjustments === null) return prepared.unitMultipliers;
  const multipliers = prepared.unitMultipliers.slice();
  const issues: ScoringIssue[] = [];
  const byKey = new Map(prepared.indicators.map((i) => [i.key, i]));
  const requested = isRecord(adjustments.multipliers) ? adjustments.multipliers : {};
  for (const key of Object.keys(requested)) {
    const path = `multipliers.${key}`;
    const indicator = byKey.get(key);
    if (!indicator) {
      issues.push(scoringIssue(path, "adjustment.unknown_indicator", { key }));
      continue;
    }
    const multiplier = requested[key];
    const min = 1 - indicator.weightAdjust;
    const max = 1 + indicator.weightAdjust;
    if (typeof multiplier !== "number" || !(multiplier >= min - MULTIPLIER_TOLERANCE && multiplier <= max + MULTIPLIER_TOLERANCE)) {
      issues.push(scoringIssue(path, "adjustment.multiplier_range", { multiplier: String(multiplier), min, max }));
      continue;
    }
    multipliers[indicator.index] = multiplier;
  }
  const override = adjustments.override;
  if (override !== undefined && override !== null) issues.push(...overrideIssues(prepared, override));
  if (issues.length > 0) throw new DomainError("INVALID_ADJUSTMENT", issues[0].message, { fields: issues });
  return multipliers;
}

function overrideIssues(prepared: PreparedModel, override: NonNullable<RatingAdjustments["override"]>): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  const { notches, reasonCode, reason } = override;
  const max = prepared.model.overrideMaxNotches;
  if (typeof notches !== "number" || !Number.isInteger(notches) || notches === 0) {
    issues.push(scoringIssue("override.notches", "adjustment.notches_integer"));
  } else if (Math.abs(notches) > max) {
    issues.push(scoringIssue("override.notches", "adjustment.notches_exceeded", { notches, max }));
  }
  if (typeof reasonCode !== "string" || reasonCode.trim() === "") issues.push(scoringIssue("override.reasonCode", "adjustment.reason_code_required"));
  if (typeof reason !== "string" || reason.trim() === "") issues.push(scoringIssue("override.reason", "adjustment.reason_required"));
  return issues;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

function evaluateIndicator(indicator: PreparedIndicator, input: NormalizedInput, loaded: LoadedInput, multiplier: number): IndicatorResult {
  let raw: number | string | null = null;
  let binIndex: number | null = null;
  let optionCode: string | null = null;
  let value = indicator.missingValue;
  if (indicator.isChoice) {
    raw = readAnswer(input.facts, indicator.answerFact!);
    const option = raw === null ? undefined : indicator.optionIndexByCode.get(raw);
    if (option !== undefined) {
      optionCode = raw;
      value = indicator.optionValue[option];
    }
  } else {
    const x = indicator.readNumber!(loaded.current, loaded.previous, loaded.facts);
    if (x === x) {
      raw = x + 0;
      binIndex = findBin(indicator, x);
      value = indicator.binValue[binIndex];
    }
  }
  const missing = indicator.isChoice ? optionCode === null : binIndex === null;
  // Same association as batch.ts ((coefficient * multiplier) * value) so both paths sum identical terms.
  const contribution = indicator.coefficient * multiplier * value;
  return { key: indicator.key, group: indicator.group, raw, binIndex, optionCode, value, multiplier, contribution: contribution + 0, missing };
}

function evaluate(prepared: PreparedModel, input: NormalizedInput, multipliers: Float64Array, overrideNotches: number): RatingResult {
  const { model, scale } = prepared;
  const loaded = loadInput(prepared, input.current, input.previous, input.facts);
  const indicators: IndicatorResult[] = new Array(prepared.indicators.length);
  for (let i = 0; i < indicators.length; i++) indicators[i] = evaluateIndicator(prepared.indicators[i], input, loaded, multipliers[i]);

  let lnOdds: number | undefined;
  let score: number;
  let modelPd: number;
  let modelGradeIndex: number;
  if (model.kind === "pd_logistic") {
    lnOdds = prepared.intercept;
    for (const r of indicators) lnOdds += r.contribution;
    modelPd = logisticPd(prepared, lnOdds);
    modelGradeIndex = gradeIndexOfPd(prepared, modelPd);
    score = roundScore(logisticScore(prepared, lnOdds));
  } else {
    let total = 0;
    for (const r of indicators) total += r.contribution;
    // Bands are applied to the rounded score: the score people see is the one the cut-offs are compared with.
    score = roundScore(total);
    modelGradeIndex = gradeIndexOfScore(prepared, score);
    modelPd = prepared.gradePd[modelGradeIndex];
  }

  const { appliedCaps, cappedIndex } = applyCaps(prepared, indicators, input, modelGradeIndex);
  let pd = appliedCaps.length > 0 ? Math.max(modelPd, prepared.gradePd[cappedIndex]) : modelPd;
  let grade = prepared.gradeCodes[cappedIndex];
  if (overrideNotches !== 0) {
    grade = moveGrade(scale, grade, overrideNotches);
    pd = prepared.gradePd[gradeIndex(scale, grade)];
  }

  const result: RatingResult = {
    modelKey: model.key,
    modelVersion: model.version,
    indicators,
    score: score + 0,
    modelPd,
    pd,
    modelGrade: prepared.gradeCodes[modelGradeIndex],
    appliedCaps,
    cappedGrade: prepared.gradeCodes[cappedIndex],
    grade,
    overrideNotches,
    limit: computeLimit(prepared, input, loaded, gradeIndex(scale, grade)),
  };
  if (lnOdds !== undefined) result.lnOdds = lnOdds + 0;
  return result;
}

function applyCaps(
  prepared: PreparedModel,
  indicators: IndicatorResult[],
  input: NormalizedInput,
  modelGradeIndex: number,
): { appliedCaps: AppliedCap[]; cappedIndex: number } {
  const appliedCaps: AppliedCap[] = [];
  let cappedIndex = modelGradeIndex;
  for (const cap of prepared.caps) {
    const target = cap.indicatorIndex >= 0 ? indicators[cap.indicatorIndex] : null;
    const observed = capObserved(cap, typeof target?.raw === "number" ? target.raw : NaN, target?.optionCode ?? null, input.facts);
    if (!capHolds(cap, observed)) continue;
    const { when, maxGrade, reason } = cap.definition;
    appliedCaps.push({
      ...(when.indicator !== undefined ? { indicator: when.indicator } : { fact: when.fact! }),
      op: when.op,
      value: when.value,
      observed: observed!,
      maxGrade,
      reason,
    });
    // "Limits the grade to maxGrade or worse": the worst applicable cap wins.
    if (cap.maxGradeIndex > cappedIndex) cappedIndex = cap.maxGradeIndex;
  }
  return { appliedCaps, cappedIndex };
}

function moneyOrNull(x: number): number | null {
  return x === x && Math.abs(x) < MAX_MONEY ? roundMoney(x) : null;
}

/** Debt capacity and suggested limit on the grade in force (shared with the batch rater, batch-rater.ts). */
export function computeLimit(prepared: PreparedModel, input: NormalizedInput, loaded: LoadedInput, gradeInForce: number): LimitResult {
  const base = moneyOrNull(prepared.limitBase(loaded.current, loaded.previous, loaded.facts));
  const existingDebt = moneyOrNull(prepared.limitExistingDebt(loaded.current, loaded.previous, loaded.facts));
  const coefficient = prepared.limitCoefficientByGrade[gradeInForce];
  const section = input.industrySection;
  const industryCoefficient = section !== null && hasOwn(prepared.industryCoefficients, section) ? prepared.industryCoefficients[section] : 1;
  const debtCapacity = roundMoney(Math.max(0, base ?? 0) * coefficient * industryCoefficient);
  // Without knowing the existing debt a suggested limit could exceed what the customer can bear: suggest none.
  const riskLimit = existingDebt === null ? 0 : roundMoney(Math.max(0, debtCapacity - Math.max(0, existingDebt)));
  return { base, coefficient, industryCoefficient, debtCapacity, existingDebt, riskLimit };
}
