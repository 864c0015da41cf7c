/**
 * A compiled scorer for re-rating whole books: `compileModel(model, scale)` turns a model into closures over packed
 * typed arrays.
 *
 * Two stages, so a batch job can do the expensive part once per customer and keep the hot loop tight:
 *  1. `packInput` computes each indicator's raw value (ratio, fact, or option index) and each cap condition into
 *     one row of a Float64Array (NaN = missing; 1/0 for cap flags);
 *  2. `scoreRows` bins, weighs and sums the rows and maps them to grade and PD with no allocation per customer.
 *
 * It evaluates through the same prepared model and shared helpers as `rate()` and sums the same terms in the same
 * order, so grade, PD and score are identical to `rate()` without adjustments (a test holds it to that). Analyst
 * adjustments (multipliers, overrides) are per-rating decisions and stay with `rate()`.
 */
import type { MasterScale, ModelDefinition } from "./model-schema";
import { normalizeInput } from "./engine";
import {
  capHolds,
  capObserved,
  gradeIndexOfPd,
  gradeIndexOfScore,
  loadInput,
  logisticPd,
  logisticScore,
  prepareModel,
  readAnswer,
} from "./prepared-model";
import type { RatingInput } from "./rating-types";
import { roundScore } from "./rounding";

export interface BatchScores {
  /** Index of the grade in force on the master scale (0 = best). */
  gradeIndex: Uint8Array;
  pd: Float64Array;
  score: Float64Array;
}

export interface CompiledModel {
  readonly modelKey: string;
  readonly modelVersion: number;
  /** Indicator keys, then one `cap:<index>` column per cap. */
  readonly columns: readonly string[];
  readonly rowWidth: number;
  /** Master-scale grade codes, indexed by `BatchScores.gradeIndex`. */
  readonly grades: readonly string[];
  createRows(count: number): Float64Array;
  createScores(count: number): BatchScores;
  /** Stage 1: writes one customer's raw indicator values and cap flags into row `row`. */
  packInput(input: RatingInput, rows: Float64Array, row: number): void;
  /** Stage 2: scores rows [0, count) into `out`. */
  scoreRows(rows: Float64Array, count: number, out: BatchScores): void;
}

export function compileModel(model: ModelDefinition, scale: MasterScale): CompiledModel {
  const prepared = prepareModel(model, scale);
  const indicators = prepared.indicators;
  const caps = prepared.caps;
  const indicatorCount = indicators.length;
  const rowWidth = indicatorCount + caps.length;

  // Flatten every indicator's bins and options into shared arrays: one cache-friendly block for the hot loop.
  const binStart = new Int32Array(indicatorCount + 1);
  const optionStart = new Int32Array(indicatorCount);
  const isChoice = new Uint8Array(indicatorCount);
  const missingValue = new Float64Array(indicatorCount);
  const coefficient = new Float64Array(indicatorCount);
  const upper: number[] = [];
  const binValue: number[] = [];
  const optionValue: number[] = [];
  indicators.forEach((ind, j) => {
    binStart[j] = upper.length;
    upper.push(...ind.binUpper);
    binValue.push(...ind.binValue);
    optionStart[j] = optionValue.length;
    optionValue.push(...ind.optionValue);
    isChoice[j] = ind.isChoice ? 1 : 0;
    missingValue[j] = ind.missingValue;
    coefficient[j] = ind.coefficient;
  });
  binStart[indicatorCount] = upper.length;
  const binUpper = Float64Array.from(upper);
  const binValues = Float64Array.from(binValue);
  const optionValues = Float64Array.from(optionValue);
  const capGrade = Int32Array.from(caps.map((c) => c.maxGradeIndex));
  const gradePd = prepared.gradePd;
  const isLogistic = model.kind === "pd_logistic";
  const intercept = prepared.intercept;
  const optionCodes = indicators.map((ind) => ind.definition.options?.map((o) => o.code) ?? []);

  function packInput(input: RatingInput, rows: Float64Array, row: number): void {
    const { current, previous, facts } = normalizeInput(input);
    const loaded = loadInput(prepared, current, previous, facts);
    const base = row * rowWidth;
    for (let j = 0; j < indicatorCount; j++) {
      const ind = indicators[j];
      if (ind.isChoice) {
        const answer = readAnswer(facts, ind.answerFact!);
        const option = answer === null ? undefined : ind.optionIndexByCode.get(answer);
        rows[base + j] = option === undefined ? NaN : option;
      } else {
        rows[base + j] = ind.readNumber!(loaded.current, loaded.previous, loaded.facts);
      }
    }
    for (let c = 0; c < caps.length; c++) {
      const j = caps[c].indicatorIndex;
      const x = j >= 0 ? rows[base + j] : NaN;
      const option = j >= 0 && indicators[j].isChoice && x === x ? optionCodes[j][x] : null;
      const observed = capObserved(caps[c], indicators[j]?.isChoice ? NaN : x, option, facts);
      rows[base + indicatorCount + c] = capHolds(caps[c], observed) ? 1 : 0;
    }
  }

  function scoreRows(rows: Float64Array, count: number, out: BatchScores): void {
    for (let r = 0; r < count; r++) {
      const base = r * rowWidth;
      let total = isLogistic ? intercept : 0;
      for (let j = 0; j < indicatorCount; j++) {
        const x = rows[base + j];
        let value: number;
        if (x !== x) value = missingValue[j];
        else if (isChoice[j] === 1) value = optionValues[optionStart[j] + x];
        else {
          let k = binStart[j];
          const last = binStart[j + 1] - 1;
          while (k < last && !(x < binUpper[k])) k++;
          value = binValues[k];
        }
        total += coefficient[j] * value;
      }
      let pd: number;
      let gradeIndex: number;
      let score: number;
      if (isLogistic) {
        pd = logisticPd(prepared, total);
        gradeIndex = gradeIndexOfPd(prepared, pd);
        score = roundScore(logisticScore(prepared, total));
      } else {
        score = roundScore(total);
        gradeIndex = gradeIndexOfScore(prepared, score);
        pd = gradePd[gradeIndex];
      }
      let capped = false;
      for (let c = 0; c < capGrade.length; c++) {
        if (rows[base + indicatorCount + c] === 1) {
          capped = true;
          if (capGrade[c] > gradeIndex) gradeIndex = capGrade[c];
        }
      }
      if (capped && gradePd[gradeIndex] > pd) pd = gradePd[gradeIndex];
      out.gradeIndex[r] = gradeIndex;
      out.pd[r] = pd;
      out.score[r] = score + 0;
    }
  }

  return {
    modelKey: model.key,
    modelVersion: model.version,
    columns: [...indicators.map((i) => i.key), ...caps.map((_, c) => `cap:${c}`)],
    rowWidth,
    grades: prepared.gradeCodes,
    createRows: (count) => new Float64Array(count * rowWidth),
    createScores: (count) => ({ gradeIndex: new Uint8Array(count), pd: new Float64Array(count), score: new Float64Array(count) }),
    packInput,
    scoreRows,
  };
}
