/**
 * An independent, deliberately naive implementation of SPEC 5.3 for the hand-computed test cases. It takes the raw
 * indicator values computed by hand in each test (plain arithmetic on the statement numbers), so it shares no code
 * with the engine: not the formula parser, the ratio functions, the binning or the grade lookups.
 */
import type { Bin, MasterScale, ModelDefinition } from "@/server/domain/scoring/model-schema";

export type Raw = number | string | null;

export interface ReferenceResult {
  values: Record<string, number>;
  lnOdds?: number;
  score: number;
  modelPd: number;
  modelGrade: string;
  cappedGrade: string;
  pd: number;
  appliedCapCount: number;
}

export function binValue(bins: Bin[], x: number): { index: number; value: number } {
  for (let i = 0; i < bins.length; i++) {
    const b = bins[i];
    if (b.lt === null || (b.inclusive ? x <= b.lt : x < b.lt)) return { index: i, value: b.value };
  }
  throw new Error("no bin");
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function referenceRate(
  model: ModelDefinition,
  scale: MasterScale,
  raws: Record<string, Raw>,
  facts: Record<string, number | string> = {},
): ReferenceResult {
  const values: Record<string, number> = {};
  for (const ind of model.indicators) {
    const raw = raws[ind.key];
    if (!(ind.key in raws)) throw new Error(`test case lacks raw value for ${ind.key}`);
    if (raw === null) values[ind.key] = ind.missing;
    else if (ind.source === "choice") values[ind.key] = ind.options!.find((o) => o.code === raw)?.value ?? ind.missing;
    else values[ind.key] = binValue(ind.bins!, raw as number).value;
  }
  const grades = scale.grades.map((g) => g.grade);
  const pdOf = (grade: string) => scale.grades.find((g) => g.grade === grade)!.pd;
  let lnOdds: number | undefined;
  let score: number;
  let modelPd: number;
  let modelGrade: string;
  if (model.kind === "pd_logistic") {
    lnOdds = model.intercept! + model.indicators.reduce((sum, ind) => sum + ind.coefficient! * values[ind.key], 0);
    modelPd = Math.max(scale.pdFloor, 1 / (1 + Math.exp(lnOdds)));
    modelGrade = scale.grades.slice(0, -1).find((g) => g.maxPd === null || modelPd < g.maxPd)!.grade;
    const factor = model.scoreScale!.pdo / Math.LN2;
    const offset = model.scoreScale!.baseScore - factor * Math.log(model.scoreScale!.baseOdds);
    score = round2(offset + factor * Math.log((1 - modelPd) / modelPd));
  } else {
    score = round2(model.indicators.reduce((sum, ind) => sum + values[ind.key], 0));
    const bands = model.gradeBands!;
    modelGrade = (bands.find((b) => b.minScore <= score) ?? bands[bands.length - 1]).grade;
    modelPd = pdOf(modelGrade);
  }
  let worst = grades.indexOf(modelGrade);
  let applied = 0;
  for (const cap of model.caps) {
    const observed = cap.when.indicator !== undefined ? raws[cap.when.indicator] : facts[cap.when.fact!];
    if (observed === null || observed === undefined) continue;
    const v = cap.when.value;
    const holds = { "<": observed < v, "<=": observed <= v, ">": observed > v, ">=": observed >= v, "==": observed === v, "!=": observed !== v }[cap.when.op];
    if (holds) {
      applied++;
      worst = Math.max(worst, grades.indexOf(cap.maxGrade));
    }
  }
  const cappedGrade = grades[worst];
  const pd = applied > 0 ? Math.max(modelPd, pdOf(cappedGrade)) : modelPd;
  return { values, lnOdds, score, modelPd, modelGrade, cappedGrade, pd, appliedCapCount: applied };
}

/** SPEC 5.3 limit: capacity = max(0, base) * coefficient * industry; limit = max(0, capacity - max(0, debt)). */
export function referenceLimit(model: ModelDefinition, grade: string, base: number, existingDebt: number, section?: string) {
  const coefficient = model.limit.coefficients[grade];
  const industry = section !== undefined ? (model.limit.industryCoefficients?.[section] ?? 1) : 1;
  const debtCapacity = Math.max(0, base) * coefficient * industry;
  return { coefficient, industry, debtCapacity, riskLimit: Math.max(0, debtCapacity - Math.max(0, existingDebt)) };
}
