/**
 * A model prepared for evaluation: validated once, formulas parsed and compiled, bins flattened, lookups built.
 * Both the object API (engine.ts) and the compiled batch scorer (batch.ts) evaluate through the functions here,
 * which is what guarantees that they give the same grade and PD.
 *
 * Preparation is cached per (model object, scale object): published model versions are immutable, so callers
 * that score many customers with the same loaded model pay for validation once. Do not mutate a model object
 * after rating with it; load or clone a fresh one instead.
 */
import { compileFormula, parseFormula, type CompiledFormula, type Facts, type StatementItems } from "./formula";
import { toFiniteNumber } from "./formula-values";
import { InputLayout, loadSlots } from "./input-layout";
import type { Cap, CapOperator, Indicator, MasterScale, ModelDefinition } from "./model-schema";
import { assertValidModel } from "./validate-model";

export interface PreparedIndicator {
  readonly index: number;
  readonly definition: Indicator;
  readonly key: string;
  readonly group: string;
  readonly isChoice: boolean;
  /** Formula or fact reader for numeric indicators (NaN = missing). */
  readonly readNumber: CompiledFormula | null;
  /** Fact key holding the answer of a choice indicator. */
  readonly answerFact: string | null;
  /**
   * Exclusive bin upper bounds: x falls in bin k when x < binUpper[k]. An inclusive bound b is stored as the next
   * double above b (for doubles, x <= b exactly when x < nextUp(b)), and the open last bin as +Infinity, so a
   * lookup is one comparison per bin with no branch on inclusivity.
   */
  readonly binUpper: Float64Array;
  readonly binValue: Float64Array;
  readonly optionIndexByCode: ReadonlyMap<string, number>;
  readonly optionValue: Float64Array;
  readonly missingValue: number;
  /** Coefficient for PD models; 1 for scorecards, whose contribution is multiplier * value. */
  readonly coefficient: number;
  readonly weightAdjust: number;
}

export interface PreparedCap {
  readonly definition: Cap;
  /** Index of the indicator the condition reads, or -1 for a fact condition. */
  readonly indicatorIndex: number;
  readonly fact: string | null;
  readonly numeric: boolean;
  readonly maxGradeIndex: number;
}

/** One rating's numeric inputs, loaded into the model's slots (NaN = missing). */
export interface LoadedInput {
  readonly current: Float64Array;
  readonly previous: Float64Array;
  readonly facts: Float64Array;
}

export interface PreparedModel {
  readonly model: ModelDefinition;
  /** Statement items and numeric facts the model reads, by slot. */
  readonly layout: InputLayout;
  /**
   * Reused buffers for the input being rated. Evaluation is synchronous and single-threaded, so one set per
   * prepared model is safe and saves three allocations per rating.
   */
  readonly scratch: LoadedInput;
  /** All-ones multipliers for ratings without adjustments; never written to. */
  readonly unitMultipliers: Float64Array;
  readonly scale: MasterScale;
  readonly indicators: readonly PreparedIndicator[];
  readonly caps: readonly PreparedCap[];
  readonly intercept: number;
  /** score = scoreOffset + scoreFactor * min(lnOdds, maxLnOdds) (PD models). */
  readonly scoreOffset: number;
  readonly scoreFactor: number;
  /** ln((1 - pdFloor) / pdFloor): beyond it the PD floor binds, so the score stops rising too. */
  readonly maxLnOdds: number;
  /** Scorecard bands as scale grade indexes and minimum scores, best first. */
  readonly bandGradeIndex: Int32Array;
  readonly bandMinScore: Float64Array;
  /** Master scale lookups. */
  readonly gradeCodes: readonly string[];
  readonly gradeMaxPd: Float64Array;
  readonly gradePd: Float64Array;
  readonly worstModelGrade: number;
  readonly limitBase: CompiledFormula;
  readonly limitExistingDebt: CompiledFormula;
  readonly limitCoefficientByGrade: Float64Array;
  readonly industryCoefficients: Readonly<Record<string, number>>;
}

const cache = new WeakMap<ModelDefinition, WeakMap<MasterScale, PreparedModel>>();
/** The last model prepared: scoring a book calls with the same pair millions of times in a row. */
let last: PreparedModel | null = null;

export function prepareModel(model: ModelDefinition, scale: MasterScale): PreparedModel {
  if (last !== null && last.model === model && last.scale === scale) return last;
  let byScale = cache.get(model);
  if (!byScale) {
    byScale = new WeakMap();
    cache.set(model, byScale);
  }
  let prepared = byScale.get(scale);
  if (!prepared) {
    assertValidModel(model, scale);
    prepared = buildPreparedModel(model, scale);
    byScale.set(scale, prepared);
  }
  last = prepared;
  return prepared;
}

function buildPreparedModel(model: ModelDefinition, scale: MasterScale): PreparedModel {
  const layout = new InputLayout();
  const indicators = model.indicators.map((definition, index) => prepareIndicator(definition, index, model.kind === "pd_logistic", layout));
  const limitBase = compileFormula(parseFormula(model.limit.base), layout);
  const limitExistingDebt = compileFormula(parseFormula(model.limit.existingDebt), layout);
  const gradeIndex = new Map(scale.grades.map((g, i) => [g.grade, i]));
  const caps = model.caps.map((definition): PreparedCap => {
    const indicatorIndex = definition.when.indicator === undefined ? -1 : indicators.findIndex((i) => i.key === definition.when.indicator);
    return {
      definition,
      indicatorIndex,
      fact: definition.when.fact ?? null,
      numeric: typeof definition.when.value === "number",
      maxGradeIndex: gradeIndex.get(definition.maxGrade)!,
    };
  });
  const scoreScale = model.scoreScale ?? { baseScore: 0, baseOdds: 1, pdo: Math.LN2 };
  const scoreFactor = scoreScale.pdo / Math.LN2;
  const bands = model.gradeBands ?? [];
  return {
    model,
    layout,
    scratch: {
      current: new Float64Array(layout.items.length),
      previous: new Float64Array(layout.items.length),
      facts: new Float64Array(layout.facts.length),
    },
    unitMultipliers: new Float64Array(indicators.length).fill(1),
    scale,
    indicators,
    caps,
    intercept: model.intercept ?? 0,
    scoreFactor,
    scoreOffset: scoreScale.baseScore - scoreFactor * Math.log(scoreScale.baseOdds),
    maxLnOdds: Math.log((1 - scale.pdFloor) / scale.pdFloor),
    bandGradeIndex: Int32Array.from(bands.map((b) => gradeIndex.get(b.grade)!)),
    bandMinScore: Float64Array.from(bands.map((b) => b.minScore)),
    gradeCodes: scale.grades.map((g) => g.grade),
    gradeMaxPd: Float64Array.from(scale.grades.map((g) => g.maxPd ?? Infinity)),
    gradePd: Float64Array.from(scale.grades.map((g) => g.pd)),
    worstModelGrade: scale.grades.length - 2,
    limitBase,
    limitExistingDebt,
    limitCoefficientByGrade: Float64Array.from(scale.grades.map((g) => ownNumber(model.limit.coefficients, g.grade) ?? 0)),
    industryCoefficients: model.limit.industryCoefficients ?? {},
  };
}

function prepareIndicator(definition: Indicator, index: number, isPdModel: boolean, layout: InputLayout): PreparedIndicator {
  const isChoice = definition.source === "choice";
  const bins = definition.bins ?? [];
  const options = definition.options ?? [];
  let readNumber: CompiledFormula | null = null;
  if (definition.source === "formula") readNumber = compileFormula(parseFormula(definition.formula!), layout);
  if (definition.source === "fact") {
    const slot = layout.factSlot(definition.fact!);
    readNumber = (_current, _previous, facts) => facts[slot];
  }
  return {
    index,
    definition,
    key: definition.key,
    group: definition.group,
    isChoice,
    readNumber,
    answerFact: isChoice ? definition.fact! : null,
    binUpper: Float64Array.from(bins.map((b) => (b.lt === null ? Infinity : b.inclusive ? nextUp(b.lt) : b.lt))),
    binValue: Float64Array.from(bins.map((b) => b.value)),
    optionIndexByCode: new Map(options.map((o, i) => [o.code, i])),
    optionValue: Float64Array.from(options.map((o) => o.value)),
    missingValue: definition.missing,
    coefficient: isPdModel ? definition.coefficient! : 1,
    weightAdjust: definition.weightAdjust ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation steps shared by engine.ts and batch.ts

/** Loads a rating's statement items and numeric facts into the prepared model's scratch slots. */
export function loadInput(prepared: PreparedModel, current: StatementItems, previous: StatementItems | null, facts: Facts): LoadedInput {
  const { layout, scratch } = prepared;
  loadSlots(layout.items, current, scratch.current);
  loadSlots(layout.items, previous, scratch.previous);
  loadSlots(layout.facts, facts, scratch.facts);
  return scratch;
}

export function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

function ownNumber(record: Record<string, number>, key: string): number | undefined {
  return hasOwn(record, key) ? record[key] : undefined;
}

/** A choice answer as text: option codes are text, but forms may send numbers or booleans. */
export function readAnswer(facts: Facts, key: string): string | null {
  if (!hasOwn(facts, key)) return null;
  const value = facts[key];
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return String(value);
  return null;
}

/** The smallest double greater than x (x finite). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE; // covers -0 too
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  // Doubles of one sign are ordered like their bit patterns: step the pattern away from (or toward) zero.
  bits[0] += x > 0 ? 1n : -1n;
  return new Float64Array(bits.buffer)[0];
}

/** Index of the first bin holding x (bins are read in order; the last is open). x must be a finite number. */
export function findBin(indicator: PreparedIndicator, x: number): number {
  const upper = indicator.binUpper;
  const last = upper.length - 1;
  let k = 0;
  while (k < last && !(x < upper[k])) k++;
  return k;
}

export function compare(op: CapOperator, observed: number | string, value: number | string): boolean {
  switch (op) {
    case "<":
      return observed < value;
    case "<=":
      return observed <= value;
    case ">":
      return observed > value;
    case ">=":
      return observed >= value;
    case "==":
      return observed === value;
    case "!=":
      return observed !== value;
  }
}

/**
 * What a cap condition is checked against: the indicator's raw number or matched option code (passed in by the
 * caller, which knows where it keeps them), or the fact. null (missing) means the condition cannot be established
 * and the cap does not apply.
 */
export function capObserved(cap: PreparedCap, indicatorNumber: number, indicatorOption: string | null, facts: Facts): number | string | null {
  if (cap.indicatorIndex >= 0) {
    if (cap.numeric) return indicatorNumber === indicatorNumber ? indicatorNumber : null;
    return indicatorOption;
  }
  const fact = cap.fact!;
  if (cap.numeric) {
    const x = hasOwn(facts, fact) ? toFiniteNumber(facts[fact]) : NaN;
    return x === x ? x : null;
  }
  return readAnswer(facts, fact);
}

export function capHolds(cap: PreparedCap, observed: number | string | null): boolean {
  if (observed === null) return false;
  const value = cap.definition.when.value;
  if (cap.numeric) return typeof observed === "number" && compare(cap.definition.when.op, observed, value as number);
  return compare(cap.definition.when.op, String(observed), String(value));
}

/** Model grade of a PD (first grade whose exclusive upper bound is above it; never D). */
export function gradeIndexOfPd(prepared: PreparedModel, pd: number): number {
  const maxPd = prepared.gradeMaxPd;
  const last = prepared.worstModelGrade;
  let i = 0;
  while (i < last && !(pd < maxPd[i])) i++;
  return i;
}

/** Scorecard grade: first band whose minimum score is reached; the last band catches the rest. */
export function gradeIndexOfScore(prepared: PreparedModel, score: number): number {
  const minScore = prepared.bandMinScore;
  const last = minScore.length - 1;
  let i = 0;
  while (i < last && !(score >= minScore[i])) i++;
  return prepared.bandGradeIndex[i];
}

export function logisticPd(prepared: PreparedModel, lnOdds: number): number {
  return Math.max(prepared.scale.pdFloor, 1 / (1 + Math.exp(lnOdds)));
}

/**
 * SPEC's score is offset + factor * ln((1 - PD) / PD), and ln((1 - PD) / PD) is exactly lnOdds until the PD floor
 * binds. Computing it from lnOdds avoids ln(0) = -Infinity when the PD rounds to 1 for hopeless cases.
 */
export function logisticScore(prepared: PreparedModel, lnOdds: number): number {
  return prepared.scoreOffset + prepared.scoreFactor * Math.min(lnOdds, prepared.maxLnOdds);
}
