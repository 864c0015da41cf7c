/**
 * The batch re-rating scorer: one customer in, its grade, PD, score, limit and the compact explanation (as JSON
 * text) out, with no intermediate result objects.
 *
 * `rate()` builds a full `RatingResult` (one object per factor, caps with their reasons, the limit) and the compact
 * form is then written from it: about 35 µs per customer on inputs freshly parsed from the database, most of it
 * allocation and number formatting. Here every per-(factor, bin) piece of the JSON is built once per model, so
 * the only text made per customer is its raw values. It evaluates through the same prepared model and shared
 * helpers as `rate()`, in the same order, so grade, PD, score and limit are identical to `rate()` without
 * adjustments and the explanation text equals `compactExplanationJson(rate(...))` character for character
 * (tested on every default model, on synthetic and hostile inputs).
 */
import { computeLimit, normalizeInput } from "./engine";
import { COMPACT_EXPLANATION_VERSION, moneyJson, shortNumber, textJson } from "./compact-explanation";
import type { MasterScale, ModelDefinition } from "./model-schema";
import {
  capHolds,
  capObserved,
  findBin,
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

export interface BatchRating {
  score: number;
  pd: number;
  modelGrade: string;
  grade: string;
  debtCapacity: number;
  riskLimit: number;
  /** The compact explanation (compact-explanation.ts) as JSON text. */
  explanation: string;
}

export type BatchRater = (input: RatingInput) => BatchRating;

export function compileBatchRater(model: ModelDefinition, scale: MasterScale): BatchRater {
  const prepared = prepareModel(model, scale);
  const { indicators, caps, gradeCodes, gradePd } = prepared;
  const count = indicators.length;
  const isLogistic = model.kind === "pd_logistic";
  // JSON pieces that depend only on the model: the bin or option part of each factor's tuple
  const binJson = indicators.map((ind) => Array.from(ind.binValue, (_, k) => `,${k}]`));
  const optionCodes = indicators.map((ind) => [...ind.optionIndexByCode.keys()]);
  const optionJson = indicators.map((ind) => [...ind.optionIndexByCode.keys()].map((code) => `,${textJson(code)}]`));
  const capGradeJson = caps.map((c) => textJson(c.definition.maxGrade));
  const rawNumber = new Float64Array(count);
  const option: (string | null)[] = new Array(count).fill(null);

  return (input) => {
    const normalized = normalizeInput(input);
    const loaded = loadInput(prepared, normalized.current, normalized.previous, normalized.facts);
    let total = isLogistic ? prepared.intercept : 0;
    let f = "";
    for (let j = 0; j < count; j++) {
      const ind = indicators[j];
      let value = ind.missingValue;
      let piece: string;
      rawNumber[j] = NaN;
      option[j] = null;
      if (ind.isChoice) {
        const answer = readAnswer(normalized.facts, ind.answerFact!);
        const o = answer === null ? undefined : ind.optionIndexByCode.get(answer);
        if (o !== undefined) {
          value = ind.optionValue[o];
          option[j] = optionCodes[j][o];
          piece = textJson(answer) + optionJson[j][o];
        } else piece = textJson(answer) + ",null]";
      } else {
        const x = ind.readNumber!(loaded.current, loaded.previous, loaded.facts);
        if (x === x) {
          const k = findBin(ind, x);
          value = ind.binValue[k];
          rawNumber[j] = x + 0;
          piece = shortNumber(x + 0) + binJson[j][k];
        } else piece = "null,null]";
      }
      // the same term, summed in the same order, as engine.ts (coefficient * multiplier * value, multiplier 1)
      total += ind.coefficient * 1 * value + 0;
      f += (j === 0 ? "[" : ",[") + piece;
    }
    let pd: number;
    let score: number;
    let modelGradeIndex: number;
    if (isLogistic) {
      pd = logisticPd(prepared, total);
      modelGradeIndex = gradeIndexOfPd(prepared, pd);
      score = roundScore(logisticScore(prepared, total));
    } else {
      score = roundScore(total);
      modelGradeIndex = gradeIndexOfScore(prepared, score);
      pd = gradePd[modelGradeIndex];
    }
    let gradeIndex = modelGradeIndex;
    let capsJson = "";
    for (let c = 0; c < caps.length; c++) {
      const cap = caps[c];
      const j = cap.indicatorIndex;
      const observed = capObserved(cap, j >= 0 ? rawNumber[j] : NaN, j >= 0 ? option[j] : null, normalized.facts);
      if (!capHolds(cap, observed)) continue;
      capsJson += (capsJson ? "," : "") + capGradeJson[c];
      if (cap.maxGradeIndex > gradeIndex) gradeIndex = cap.maxGradeIndex;
    }
    if (capsJson && gradePd[gradeIndex] > pd) pd = gradePd[gradeIndex];
    const l = computeLimit(prepared, normalized, loaded, gradeIndex);
    const explanation =
      `{"v":${COMPACT_EXPLANATION_VERSION},"f":[${f}],"caps":[${capsJson}],"lnOdds":${isLogistic ? shortNumber(total + 0) : "null"},` +
      `"limit":[${moneyJson(l.base)},${shortNumber(l.coefficient)},${shortNumber(l.industryCoefficient)},${moneyJson(l.debtCapacity)},${moneyJson(l.existingDebt)},${moneyJson(l.riskLimit)}]}`;
    return { score: score + 0, pd, modelGrade: gradeCodes[modelGradeIndex], grade: gradeCodes[gradeIndex], debtCapacity: l.debtCapacity, riskLimit: l.riskLimit, explanation };
  };
}
