/**
 * Public API of the scoring domain. Pure TypeScript: no I/O, no clock, no framework.
 *
 *   rate(model, scale, input, adjustments?)  -> RatingResult        one rating, with its explanation
 *   compileModel(model, scale)               -> CompiledModel       packed typed-array scorer for whole books
 *   validateModel(def, scale) / validateMasterScale(scale) -> ScoringIssue[]   draft validation, per field
 *   requiredInputs(model)                    -> items, facts        what a form or import must collect
 *   diffModels(a, b) / summarizeImpact(pairs, scale)                 model governance
 */
export { rate, normalizeInput, gradeForPd, gradeIndex, moveGrade, prepareModel } from "./engine";
export type * from "./rating-types";
export * from "./model-schema";
export { DEFAULT_MASTER_SCALE, DEFAULT_GRADE } from "./master-scale";
export { validateModel, validateMasterScale, assertValidModel, formulaIssues } from "./validate-model";
export { scoringIssue, type ScoringIssue, type ScoringIssueCode } from "./issues";
export { parseFormula, evaluateFormula, formulaItems, formulaReferences, type FormulaNode, type Statements } from "./formula";
export { RATIOS, RATIO_FUNCTIONS, type RatioKey } from "./ratios";
export { requiredInputs, type RequiredInputs, type RequiredFact } from "./required-inputs";
export { compileModel, type CompiledModel, type BatchScores } from "./batch";
export { compileBatchRater, type BatchRater, type BatchRating } from "./batch-rater";
export { diffModels, summarizeImpact, type ModelChange, type ImpactSummary, type GradePair } from "./diff";
export { roundMoney, roundScore } from "./rounding";
export * from "./default-models";
export { seededRandom, SYNTHETIC_GENERATORS, syntheticCorporate, syntheticSme, syntheticPublicInstitution, syntheticIndividual } from "./synthetic-inputs";
export { compactExplanation, compactExplanationJson, expandCompactExplanation, COMPACT_EXPLANATION_VERSION, type CompactExplanation, type CompactFactor, type ExpandedFactor } from "./compact-explanation";
