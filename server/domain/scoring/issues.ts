/**
 * Field issues raised by the scoring domain (model validation, formula errors, invalid adjustments).
 *
 * Choice made for bilingual messages: every issue is a `FieldIssue` (so it can go straight into
 * `DomainError.fields`) carrying
 *   - `code`: a stable key such as `bins.not_increasing`, for tests and for the i18n layer;
 *   - `message`: ready-to-show English text, `messageZh`: ready-to-show Chinese text;
 *   - `params`: the values interpolated into both texts.
 * The UI can show `messageZh`/`message` directly, or translate `code` + `params` itself.
 */
import type { FieldIssue } from "@/server/domain/errors";

type Params = Record<string, string | number>;

const TEMPLATES = {
  "schema.invalid": { en: "{detail}", zh: "格式不正确：{detail}" },
  "indicator.duplicate_key": { en: "Indicator key '{key}' is used more than once", zh: "指标代码“{key}”重复" },
  "indicator.formula_required": { en: "A formula indicator needs a formula", zh: "公式型指标必须填写公式" },
  "indicator.fact_required": { en: "Name the input fact this indicator reads", zh: "请填写该指标读取的输入项代码" },
  "indicator.fact_invalid": { en: "Fact key '{key}' must be lower snake case", zh: "输入项代码“{key}”须为小写字母、数字和下划线" },
  "indicator.bins_required": { en: "This indicator needs at least one bin", zh: "该指标至少需要一个分档" },
  "indicator.bins_not_allowed": { en: "A choice indicator takes options, not bins", zh: "选项型指标应填写选项，而非分档" },
  "indicator.options_required": { en: "A choice indicator needs at least one option", zh: "选项型指标至少需要一个选项" },
  "indicator.options_not_allowed": { en: "Only choice indicators take options", zh: "只有选项型指标可以填写选项" },
  "indicator.coefficient_required": { en: "A PD model indicator needs a coefficient", zh: "PD 模型指标必须填写系数" },
  "indicator.coefficient_not_allowed": { en: "Scorecard indicators have no coefficient", zh: "打分卡指标不使用系数" },
  "indicator.monotonic_violated": {
    en: "Bin values must be {direction} (declared monotonic) but this bin breaks it",
    zh: "该指标声明为单调{directionZh}，此分档的分值违反单调性",
  },
  "bins.last_not_open": { en: "The last bin must have no upper bound (lt: null)", zh: "最后一个分档的上限必须为空（覆盖其余取值）" },
  "bins.open_not_last": { en: "Only the last bin may have no upper bound", zh: "只有最后一个分档的上限可以为空" },
  "bins.not_increasing": {
    en: "Upper bound {lt} must be greater than the previous bin's {previous} (bins overlap or are out of order)",
    zh: "上限 {lt} 必须大于上一分档的 {previous}（分档重叠或顺序错误）",
  },
  "bins.inclusive_on_open": { en: "An open bin (lt: null) cannot be inclusive", zh: "无上限的分档不能设置“含上限”" },
  "options.duplicate_code": { en: "Option code '{code}' is used more than once", zh: "选项代码“{code}”重复" },
  "formula.invalid": { en: "{detail}", zh: "{detailZh}" },
  "model.intercept_required": { en: "A PD model needs an intercept", zh: "PD 模型必须填写截距" },
  "model.score_scale_required": { en: "A PD model needs a score scale (baseScore, baseOdds, pdo)", zh: "PD 模型必须填写分数刻度（基准分、基准赔率、PDO）" },
  "model.grade_bands_required": { en: "A scorecard needs grade bands", zh: "打分卡必须填写等级分数线" },
  "model.grade_bands_not_allowed": { en: "A PD model takes its grade from the master scale; remove the grade bands", zh: "PD 模型按主标尺定级，请删除等级分数线" },
  "gradeBands.unknown_grade": { en: "Grade '{grade}' is not on the master scale", zh: "等级“{grade}”不在主标尺中" },
  "gradeBands.default_grade": { en: "A model never assigns the default grade {grade}", zh: "模型不能评出违约等级 {grade}" },
  "gradeBands.grade_order": { en: "Grades must follow the master scale order, best first", zh: "等级须按主标尺顺序排列（从高到低）" },
  "gradeBands.score_order": {
    en: "Minimum score {minScore} must be lower than the previous band's {previous}",
    zh: "最低分 {minScore} 必须低于上一等级的 {previous}",
  },
  "caps.target": { en: "A cap condition names exactly one indicator or one fact", zh: "封顶条件须且只能指定一个指标或一个输入项" },
  "caps.unknown_indicator": { en: "No indicator '{key}' in this model", zh: "模型中没有指标“{key}”" },
  "caps.operator_type": {
    en: "Operator {op} compares numbers; use == or != with a text value",
    zh: "运算符 {op} 只能比较数值；文本值请使用 == 或 !=",
  },
  "caps.value_type": { en: "{expected} value expected for this indicator", zh: "该指标需要{expectedZh}比较值" },
  "caps.unknown_grade": { en: "Grade '{grade}' is not on the master scale", zh: "等级“{grade}”不在主标尺中" },
  "caps.default_grade": { en: "A cap cannot force the default grade {grade}", zh: "封顶等级不能为违约等级 {grade}" },
  "limit.coefficient_missing": { en: "No limit coefficient for grade {grade}", zh: "缺少等级 {grade} 的限额系数" },
  "limit.unknown_grade": { en: "Grade '{grade}' is not on the master scale", zh: "等级“{grade}”不在主标尺中" },
  "limit.unknown_section": { en: "'{section}' is not a GB/T 4754 section (A..T)", zh: "“{section}”不是国民经济行业门类（A..T）" },
  "scale.duplicate_grade": { en: "Grade '{grade}' appears more than once", zh: "等级“{grade}”重复" },
  "scale.last_not_default": { en: "The last grade must be the default grade D", zh: "最后一个等级必须是违约等级 D" },
  "scale.default_pd": { en: "The default grade's PD must be 1 (100%)", zh: "违约等级的违约概率必须为 1（100%）" },
  "scale.default_max_pd": { en: "The default grade has no PD band (maxPd: null)", zh: "违约等级没有违约概率区间（上限为空）" },
  "scale.open_band": { en: "Only the last grade before D may have no PD upper bound", zh: "只有违约等级之前的最后一个等级可以没有违约概率上限" },
  "scale.last_band_bounded": { en: "The last grade before D must have no PD upper bound (maxPd: null)", zh: "违约等级之前的最后一个等级不能设置违约概率上限" },
  "scale.max_pd_order": {
    en: "PD upper bound {maxPd} must be greater than the previous grade's {previous}",
    zh: "违约概率上限 {maxPd} 必须大于上一等级的 {previous}",
  },
  "scale.pd_order": {
    en: "Representative PD {pd} must be greater than the previous grade's {previous}",
    zh: "代表违约概率 {pd} 必须大于上一等级的 {previous}",
  },
  "scale.pd_outside_band": {
    en: "Representative PD {pd} must lie in the grade's band [{lower}, {upper})",
    zh: "代表违约概率 {pd} 必须位于本等级区间 [{lower}, {upper}) 内",
  },
  "scale.pd_floor": { en: "The PD floor must be below the best grade's upper bound {maxPd}", zh: "违约概率下限必须低于最高等级的上限 {maxPd}" },
  "adjustment.unknown_indicator": { en: "No indicator '{key}' in this model", zh: "模型中没有指标“{key}”" },
  "adjustment.multiplier_range": {
    en: "Multiplier {multiplier} is outside the allowed range [{min}, {max}]",
    zh: "调整系数 {multiplier} 超出允许范围 [{min}, {max}]",
  },
  "adjustment.notches_integer": { en: "Override notches must be a non-zero whole number", zh: "调整级数必须为非零整数" },
  "adjustment.notches_exceeded": {
    en: "An override of {notches} notches exceeds this model's limit of {max}; it needs the next authority level",
    zh: "调整 {notches} 级超过本模型允许的 {max} 级，须报上一级审批",
  },
  "adjustment.grade_out_of_scale": {
    en: "Moving {grade} by {notches} notches leaves the scale ({best} to {worst})",
    zh: "等级 {grade} 调整 {notches} 级后超出标尺范围（{best} 至 {worst}）",
  },
  "adjustment.reason_required": { en: "An override needs a reason", zh: "调整等级必须填写理由" },
  "adjustment.reason_code_required": { en: "An override needs a reason code", zh: "调整等级必须选择理由类别" },
  "impact.unknown_grade": { en: "Grade '{grade}' is not on the master scale", zh: "等级“{grade}”不在主标尺中" },
} satisfies Record<string, { en: string; zh: string }>;

export type ScoringIssueCode = keyof typeof TEMPLATES;

export interface ScoringIssue extends FieldIssue {
  code: ScoringIssueCode;
  message: string;
  messageZh: string;
  params: Params;
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function scoringIssue(path: string, code: ScoringIssueCode, params: Params = {}): ScoringIssue {
  const template = TEMPLATES[code];
  return { path, code, message: fill(template.en, params), messageZh: fill(template.zh, params), params };
}

/** Joins path segments the way forms address fields: `indicators.3.bins.2.lt`. */
export function fieldPath(...segments: (string | number)[]): string {
  return segments.filter((s) => s !== "").join(".");
}
