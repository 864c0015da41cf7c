/**
 * Validation of model drafts and master scales: everything an admin editing a draft can break.
 *
 * Returns a list of `ScoringIssue` (empty = valid). Each issue is a `FieldIssue` with a dotted `path` naming the
 * field (`indicators.3.bins.2.lt`), a stable `code`, and ready-to-show English (`message`) and Chinese
 * (`messageZh`) text; see issues.ts. Issues can be passed to `new DomainError("INVALID_MODEL", ..., { fields })`.
 *
 * Shape errors (zod) are reported first; the cross-field rules run only on a well-shaped definition, because
 * they would mostly repeat the shape errors in a more confusing way.
 */
import { DomainError } from "@/server/domain/errors";
import { parseFormula } from "./formula";
import { fieldPath, scoringIssue, type ScoringIssue } from "./issues";
import {
  INDUSTRY_SECTIONS,
  KEY_PATTERN,
  masterScaleSchema,
  modelDefinitionSchema,
  type Bin,
  type Indicator,
  type MasterScale,
  type ModelDefinition,
} from "./model-schema";
import { DEFAULT_GRADE } from "./master-scale";

type ZodIssueLike = { path: PropertyKey[]; message: string };

function shapeIssues(issues: ZodIssueLike[], prefix = ""): ScoringIssue[] {
  return issues.map((i) => scoringIssue(fieldPath(prefix, ...i.path.map(String)), "schema.invalid", { detail: i.message }));
}

// ---------------------------------------------------------------------------------------------------------
// Master scale

export function validateMasterScale(scale: unknown): ScoringIssue[] {
  const parsed = masterScaleSchema.safeParse(scale);
  if (!parsed.success) return shapeIssues(parsed.error.issues);
  const { grades, pdFloor } = parsed.data;
  const issues: ScoringIssue[] = [];
  const seen = new Set<string>();
  grades.forEach((g, i) => {
    if (seen.has(g.grade)) issues.push(scoringIssue(`grades.${i}.grade`, "scale.duplicate_grade", { grade: g.grade }));
    seen.add(g.grade);
  });

  const lastIndex = grades.length - 1;
  const defaultGrade = grades[lastIndex];
  if (defaultGrade.grade !== DEFAULT_GRADE) issues.push(scoringIssue(`grades.${lastIndex}.grade`, "scale.last_not_default"));
  if (defaultGrade.pd !== 1) issues.push(scoringIssue(`grades.${lastIndex}.pd`, "scale.default_pd"));
  if (defaultGrade.maxPd !== null) issues.push(scoringIssue(`grades.${lastIndex}.maxPd`, "scale.default_max_pd"));

  const worst = lastIndex - 1;
  let lower = 0;
  for (let i = 0; i <= worst; i++) {
    const g = grades[i];
    if (i < worst && g.maxPd === null) issues.push(scoringIssue(`grades.${i}.maxPd`, "scale.open_band"));
    if (i === worst && g.maxPd !== null) issues.push(scoringIssue(`grades.${i}.maxPd`, "scale.last_band_bounded"));
    if (g.maxPd !== null && g.maxPd <= lower && i > 0) {
      issues.push(scoringIssue(`grades.${i}.maxPd`, "scale.max_pd_order", { maxPd: g.maxPd, previous: lower }));
    }
    if (i > 0 && g.pd <= grades[i - 1].pd) {
      issues.push(scoringIssue(`grades.${i}.pd`, "scale.pd_order", { pd: g.pd, previous: grades[i - 1].pd }));
    }
    const upper = g.maxPd ?? 1;
    if (g.pd < lower || g.pd >= upper) {
      issues.push(scoringIssue(`grades.${i}.pd`, "scale.pd_outside_band", { pd: g.pd, lower, upper }));
    }
    if (g.maxPd !== null) lower = Math.max(lower, g.maxPd);
  }
  const bestMax = grades[0].maxPd;
  if (bestMax !== null && pdFloor >= bestMax) issues.push(scoringIssue("pdFloor", "scale.pd_floor", { maxPd: bestMax }));
  return issues;
}

// ---------------------------------------------------------------------------------------------------------
// Model definition

export function validateModel(definition: unknown, scale: MasterScale): ScoringIssue[] {
  const parsed = modelDefinitionSchema.safeParse(definition);
  if (!parsed.success) return shapeIssues(parsed.error.issues);
  const model = parsed.data;
  const gradeIndexes = new Map(scale.grades.map((g, i) => [g.grade, i]));
  return [
    ...indicatorIssues(model),
    ...kindIssues(model, gradeIndexes),
    ...capIssues(model, gradeIndexes),
    ...limitIssues(model, scale),
  ];
}

/** Throws DomainError("INVALID_MODEL") listing every issue of the model and the scale, if there is any. */
export function assertValidModel(definition: unknown, scale: MasterScale): asserts definition is ModelDefinition {
  const issues = [
    ...validateMasterScale(scale).map((i) => ({ ...i, path: fieldPath("masterScale", i.path) })),
    ...validateModel(definition, scale),
  ];
  if (issues.length > 0) {
    throw new DomainError("INVALID_MODEL", `Invalid model: ${issues[0].path}: ${issues[0].message}`, { fields: issues });
  }
}

function indicatorIssues(model: ModelDefinition): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  const keys = new Set<string>();
  model.indicators.forEach((indicator, i) => {
    const at = (...rest: (string | number)[]) => fieldPath("indicators", i, ...rest);
    if (keys.has(indicator.key)) issues.push(scoringIssue(at("key"), "indicator.duplicate_key", { key: indicator.key }));
    keys.add(indicator.key);
    issues.push(...sourceIssues(indicator, at));
    if (model.kind === "pd_logistic" && indicator.coefficient === undefined) {
      issues.push(scoringIssue(at("coefficient"), "indicator.coefficient_required"));
    }
    if (model.kind === "scorecard" && indicator.coefficient !== undefined) {
      issues.push(scoringIssue(at("coefficient"), "indicator.coefficient_not_allowed"));
    }
  });
  return issues;
}

function sourceIssues(indicator: Indicator, at: (...rest: (string | number)[]) => string): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  if (indicator.source === "formula") {
    if (!indicator.formula?.trim()) issues.push(scoringIssue(at("formula"), "indicator.formula_required"));
    else issues.push(...formulaIssues(indicator.formula, at("formula")));
  } else if (!indicator.fact) {
    issues.push(scoringIssue(at("fact"), "indicator.fact_required"));
  } else if (!KEY_PATTERN.test(indicator.fact)) {
    issues.push(scoringIssue(at("fact"), "indicator.fact_invalid", { key: indicator.fact }));
  }

  if (indicator.source === "choice") {
    if (indicator.bins?.length) issues.push(scoringIssue(at("bins"), "indicator.bins_not_allowed"));
    if (!indicator.options?.length) issues.push(scoringIssue(at("options"), "indicator.options_required"));
    const codes = new Set<string>();
    indicator.options?.forEach((option, j) => {
      if (codes.has(option.code)) issues.push(scoringIssue(at("options", j, "code"), "options.duplicate_code", { code: option.code }));
      codes.add(option.code);
    });
    if (indicator.monotonic) {
      // A declared order over choice options is read as "options are listed from lowest to highest raw value".
      issues.push(...monotonicIssues(indicator.options?.map((o) => o.value) ?? [], indicator.monotonic, (j) => at("options", j, "value")));
    }
  } else {
    if (indicator.options?.length) issues.push(scoringIssue(at("options"), "indicator.options_not_allowed"));
    if (!indicator.bins?.length) issues.push(scoringIssue(at("bins"), "indicator.bins_required"));
    else {
      issues.push(...binIssues(indicator.bins, (j, field) => at("bins", j, field)));
      if (indicator.monotonic) {
        issues.push(...monotonicIssues(indicator.bins.map((b) => b.value), indicator.monotonic, (j) => at("bins", j, "value")));
      }
    }
  }
  return issues;
}

export function formulaIssues(formula: string, path: string): ScoringIssue[] {
  try {
    parseFormula(formula);
    return [];
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID_FORMULA") {
      return [scoringIssue(path, "formula.invalid", error.params)];
    }
    throw error;
  }
}

/**
 * Bins are read in order, so "no overlap" means strictly increasing upper bounds and "no gap" means the last bin is
 * open (lt: null) and catches everything above. Equal bounds are rejected even when inclusivity differs: the
 * second bin could then only hold the single value lt, which is never what an admin means.
 */
function binIssues(bins: Bin[], at: (j: number, field: string) => string): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  const last = bins.length - 1;
  let previous: number | null = null;
  bins.forEach((bin, j) => {
    if (bin.lt === null) {
      if (j !== last) issues.push(scoringIssue(at(j, "lt"), "bins.open_not_last"));
      if (bin.inclusive) issues.push(scoringIssue(at(j, "inclusive"), "bins.inclusive_on_open"));
      return;
    }
    if (previous !== null && bin.lt <= previous) {
      issues.push(scoringIssue(at(j, "lt"), "bins.not_increasing", { lt: bin.lt, previous }));
    }
    previous = bin.lt;
  });
  if (bins[last].lt !== null) issues.push(scoringIssue(at(last, "lt"), "bins.last_not_open"));
  return issues;
}

function monotonicIssues(values: number[], direction: "increasing" | "decreasing", at: (j: number) => string): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  for (let j = 1; j < values.length; j++) {
    const broken = direction === "increasing" ? values[j] < values[j - 1] : values[j] > values[j - 1];
    if (broken) {
      const directionZh = direction === "increasing" ? "递增" : "递减";
      issues.push(scoringIssue(at(j), "indicator.monotonic_violated", { direction, directionZh }));
    }
  }
  return issues;
}

function kindIssues(model: ModelDefinition, gradeIndexes: Map<string, number>): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  if (model.kind === "pd_logistic") {
    if (model.intercept === undefined) issues.push(scoringIssue("intercept", "model.intercept_required"));
    if (model.scoreScale === undefined) issues.push(scoringIssue("scoreScale", "model.score_scale_required"));
    if (model.gradeBands?.length) issues.push(scoringIssue("gradeBands", "model.grade_bands_not_allowed"));
    return issues;
  }
  const bands = model.gradeBands ?? [];
  if (bands.length === 0) return [scoringIssue("gradeBands", "model.grade_bands_required")];
  let previousGrade = -1;
  bands.forEach((band, i) => {
    const index = gradeIndexes.get(band.grade);
    if (index === undefined) issues.push(scoringIssue(`gradeBands.${i}.grade`, "gradeBands.unknown_grade", { grade: band.grade }));
    else if (band.grade === DEFAULT_GRADE) issues.push(scoringIssue(`gradeBands.${i}.grade`, "gradeBands.default_grade", { grade: band.grade }));
    else {
      if (index <= previousGrade) issues.push(scoringIssue(`gradeBands.${i}.grade`, "gradeBands.grade_order"));
      previousGrade = index;
    }
    if (i > 0 && band.minScore >= bands[i - 1].minScore) {
      issues.push(scoringIssue(`gradeBands.${i}.minScore`, "gradeBands.score_order", { minScore: band.minScore, previous: bands[i - 1].minScore }));
    }
  });
  return issues;
}

function capIssues(model: ModelDefinition, gradeIndexes: Map<string, number>): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  const indicators = new Map(model.indicators.map((ind) => [ind.key, ind]));
  model.caps.forEach((cap, i) => {
    const at = (...rest: string[]) => fieldPath("caps", i, ...rest);
    const { indicator, fact, op, value } = cap.when;
    const numericValue = typeof value === "number";
    if ((indicator === undefined) === (fact === undefined)) issues.push(scoringIssue(at("when"), "caps.target"));
    else if (indicator !== undefined) {
      const target = indicators.get(indicator);
      if (!target) issues.push(scoringIssue(at("when", "indicator"), "caps.unknown_indicator", { key: indicator }));
      else if ((target.source === "choice") === numericValue) {
        // A choice indicator's raw value is its option code; the others are numbers.
        const expected = target.source === "choice" ? { expected: "An option code (text)", expectedZh: "选项代码（文本）" } : { expected: "A numeric", expectedZh: "数值" };
        issues.push(scoringIssue(at("when", "value"), "caps.value_type", expected));
      }
    } else if (!KEY_PATTERN.test(fact!)) {
      issues.push(scoringIssue(at("when", "fact"), "indicator.fact_invalid", { key: fact! }));
    }
    if (!numericValue && op !== "==" && op !== "!=") issues.push(scoringIssue(at("when", "op"), "caps.operator_type", { op }));
    if (!gradeIndexes.has(cap.maxGrade)) issues.push(scoringIssue(at("maxGrade"), "caps.unknown_grade", { grade: cap.maxGrade }));
    else if (cap.maxGrade === DEFAULT_GRADE) issues.push(scoringIssue(at("maxGrade"), "caps.default_grade", { grade: cap.maxGrade }));
  });
  return issues;
}

function limitIssues(model: ModelDefinition, scale: MasterScale): ScoringIssue[] {
  const issues: ScoringIssue[] = [
    ...formulaIssues(model.limit.base, "limit.base"),
    ...formulaIssues(model.limit.existingDebt, "limit.existingDebt"),
  ];
  const known = new Set(scale.grades.map((g) => g.grade));
  for (const g of scale.grades) {
    if (g.grade !== DEFAULT_GRADE && !Object.prototype.hasOwnProperty.call(model.limit.coefficients, g.grade)) {
      issues.push(scoringIssue(`limit.coefficients.${g.grade}`, "limit.coefficient_missing", { grade: g.grade }));
    }
  }
  for (const grade of Object.keys(model.limit.coefficients)) {
    if (!known.has(grade)) issues.push(scoringIssue(`limit.coefficients.${grade}`, "limit.unknown_grade", { grade }));
  }
  for (const section of Object.keys(model.limit.industryCoefficients ?? {})) {
    if (!INDUSTRY_SECTIONS.includes(section)) issues.push(scoringIssue(`limit.industryCoefficients.${section}`, "limit.unknown_section", { section }));
  }
  return issues;
}
