/**
 * Model definitions (SPEC 5.1) and the master scale (SPEC 5.4) as zod schemas.
 *
 * A model is data: admins edit drafts of it and every rating stores the exact version it used. These schemas
 * check the *shape* only; the cross-field rules an admin can break (bin order, grades present on the scale,
 * formulas that parse, ...) live in validate-model.ts so that each error can name its field.
 *
 * Deviations from SPEC 5.1, agreed in issue 4:
 * - a bin is `{ lt, inclusive?, value }`: `lt` is the upper bound, `inclusive: true` makes a raw value equal to
 *   `lt` fall into the bin (`<=`), otherwise `<`; the last bin has `lt: null` and catches the rest;
 * - an indicator may declare `monotonic` (points rise or fall with the raw value), checked against its bins;
 * - `source: "choice"` reads its answer (an option code) from `facts[fact]`, like `source: "fact"` does;
 * - `factLabels` names facts that are used only by caps or limit formulas, so input forms can label them.
 */
import { z } from "zod";

/** Bounds keep every sum and product in the engine finite; real models are orders of magnitude inside them. */
const MAX_POINTS = 1e6;
const MAX_COEFFICIENT = 1e3;
const MAX_LIMIT_FACTOR = 100;
/** Bin bounds and cap values may be amounts in yuan, so they get the engine's money range. */
const MAX_AMOUNT = 1e15;

export const CUSTOMER_TYPES = ["corporate", "sme", "public_institution", "individual"] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const MODEL_KINDS = ["pd_logistic", "scorecard"] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const CAP_OPERATORS = ["<", "<=", ">", ">=", "==", "!="] as const;
export type CapOperator = (typeof CAP_OPERATORS)[number];

/** GB/T 4754-2017 sections (门类) A..T, the keys allowed in `limit.industryCoefficients`. */
export const INDUSTRY_SECTIONS = "ABCDEFGHIJKLMNOPQRST".split("");

/** Indicator and fact keys become object keys and form field names: lower snake case only. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const MODEL_KEY_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
export const GRADE_PATTERN = /^[A-Z][A-Z0-9+-]{0,7}$/;

const points = z.number().min(-MAX_POINTS).max(MAX_POINTS);
const amount = z.number().min(-MAX_AMOUNT).max(MAX_AMOUNT);
const key = z.string().regex(KEY_PATTERN, "lower snake case, starting with a letter, at most 64 characters");
const grade = z.string().regex(GRADE_PATTERN, "an upper-case grade code such as AAA or BB+");

export const localizedTextSchema = z.object({ en: z.string().trim().min(1), zh: z.string().trim().min(1) });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const binSchema = z.object({
  lt: amount.nullable(),
  inclusive: z.boolean().optional(),
  value: points,
});
export type Bin = z.infer<typeof binSchema>;

export const optionSchema = z.object({
  code: z.string().trim().min(1).max(64),
  label: localizedTextSchema,
  value: points,
});
export type ChoiceOption = z.infer<typeof optionSchema>;

export const indicatorSchema = z.object({
  key,
  name: localizedTextSchema,
  /** solvency | operations | profitability | growth | cash_flow | qualitative | history | ... (free text, for grouping). */
  group: z.string().trim().min(1).max(64),
  source: z.enum(["formula", "fact", "choice"]),
  formula: z.string().max(500).optional(),
  fact: z.string().optional(),
  bins: z.array(binSchema).max(50).optional(),
  options: z.array(optionSchema).max(50).optional(),
  missing: points,
  coefficient: z.number().min(-MAX_COEFFICIENT).max(MAX_COEFFICIENT).optional(),
  /** The analyst may scale the indicator by a multiplier in [1 - w, 1 + w]; 0 (default) means no adjustment. */
  weightAdjust: z.number().min(0).max(0.99).optional(),
  monotonic: z.enum(["increasing", "decreasing"]).optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const capSchema = z.object({
  when: z.object({
    indicator: z.string().optional(),
    fact: z.string().optional(),
    op: z.enum(CAP_OPERATORS),
    value: z.union([amount, z.string().min(1).max(64), z.boolean()]),
  }),
  maxGrade: grade,
  reason: localizedTextSchema,
});
export type Cap = z.infer<typeof capSchema>;

export const limitSchema = z.object({
  base: z.string().min(1).max(500),
  existingDebt: z.string().min(1).max(500),
  coefficients: z.record(z.string(), z.number().min(0).max(MAX_LIMIT_FACTOR)),
  industryCoefficients: z.record(z.string(), z.number().min(0).max(MAX_LIMIT_FACTOR)).optional(),
});
export type LimitRule = z.infer<typeof limitSchema>;

export const scoreScaleSchema = z.object({
  baseScore: z.number().min(-1e4).max(1e4),
  baseOdds: z.number().positive().max(1e6),
  pdo: z.number().positive().max(1e3),
});
export type ScoreScale = z.infer<typeof scoreScaleSchema>;

export const gradeBandSchema = z.object({ grade, minScore: points });
export type GradeBand = z.infer<typeof gradeBandSchema>;

export const modelDefinitionSchema = z.object({
  key: z.string().regex(MODEL_KEY_PATTERN, "lower kebab case, starting with a letter"),
  version: z.number().int().min(1),
  name: localizedTextSchema,
  kind: z.enum(MODEL_KINDS),
  customerTypes: z.array(z.enum(CUSTOMER_TYPES)).min(1),
  indicators: z.array(indicatorSchema).min(1).max(200),
  intercept: z.number().min(-MAX_COEFFICIENT).max(MAX_COEFFICIENT).optional(),
  scoreScale: scoreScaleSchema.optional(),
  gradeBands: z.array(gradeBandSchema).optional(),
  caps: z.array(capSchema).max(50),
  limit: limitSchema,
  overrideMaxNotches: z.number().int().min(0).max(10),
  factLabels: z.record(z.string(), localizedTextSchema).optional(),
});
export type ModelDefinition = z.infer<typeof modelDefinitionSchema>;

export const masterScaleGradeSchema = z.object({
  grade,
  /** Exclusive upper bound of the PD band; null for the last non-default grade (and for D). */
  maxPd: z.number().gt(0).max(1).nullable(),
  /** Representative PD, used by scorecards, caps and overrides. */
  pd: z.number().gt(0).max(1),
  name: localizedTextSchema.optional(),
});
export type MasterScaleGrade = z.infer<typeof masterScaleGradeSchema>;

export const masterScaleSchema = z.object({
  version: z.number().int().min(1).optional(),
  /** Grades best first; the last one is the default grade D. */
  grades: z.array(masterScaleGradeSchema).min(3).max(30),
  pdFloor: z.number().gt(0).lt(1),
});
export type MasterScale = z.infer<typeof masterScaleSchema>;
