/**
 * Fits the default individual scorecard to the Statlog German Credit data (scripts/data/german_credit.csv) and
 * writes it to server/domain/scoring/default-models/individual-scorecard.generated.ts.
 *
 *   npx tsx scripts/fit-individual-scorecard.ts          # fit, print hold-out metrics, write the model
 *   npx tsx scripts/fit-individual-scorecard.ts --check  # fit and fail if the committed file differs
 *
 * Method (standard application-scorecard development):
 *  1. seeded, stratified 70/30 split (train / hold-out);
 *  2. coarse classing of every allowed attribute on the training set, weight of evidence per class;
 *     not used: Personal (sex / marital status) and ForeignWorker (a bank may not rate on them), Telephone;
 *  3. attributes with information value < 0.02 are dropped;
 *  4. logistic regression on the WoE-coded attributes (Newton-Raphson); attributes whose coefficient comes out
 *     negative (collinearity artefacts) are dropped one at a time and the model refitted;
 *  5. the intercept is prior-corrected from the sample's 30% bad rate to the bad rate of a Chinese bank's
 *     consumer book (TARGET_BAD_RATE), then log-odds are scaled to points: 600 points at odds 50:1, 20 points to
 *     double the odds; each class's points are rounded to whole numbers;
 *  6. grade bands are the scores at which the implied PD crosses each master-scale PD bound;
 *  7. AUC, Gini and KS of the final (rounded) points are measured on the hold-out set.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { coarseClassCategorical, coarseClassNumeric, type CategoricalClass, type NumericClass } from "@/server/domain/scoring/model-fitting/coarse-classing";
import { discrimination, type Discrimination } from "@/server/domain/scoring/model-fitting/discrimination";
import { fitLogistic } from "@/server/domain/scoring/model-fitting/logistic-regression";
import { DEFAULT_MASTER_SCALE } from "@/server/domain/scoring/master-scale";
import type { GradeBand, Indicator, LocalizedText } from "@/server/domain/scoring/model-schema";
import { seededRandom } from "@/server/domain/scoring/synthetic-inputs";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const DATA_FILE = path.join(ROOT, "scripts/data/german_credit.csv");
const OUTPUT_FILE = path.join(ROOT, "server/domain/scoring/default-models/individual-scorecard.generated.ts");

const SEED = 20240917;
const TRAIN_SHARE = 0.7;
const MIN_INFORMATION_VALUE = 0.02;
/** Expected bad rate of the bank's unsecured consumer book; the sample's 30% is heavily enriched with bads. */
const TARGET_BAD_RATE = 0.03;
const BASE_SCORE = 600;
const BASE_ODDS = 50;
const PDO = 20;
/** Amounts in the data are 1970s-90s Deutsche Mark; forms ask for yuan. One rounded, price-level adjusted rate. */
const CNY_PER_DM = 5;

// ---------------------------------------------------------------------------------------------------------
// What each data column means for a Chinese individual applicant

interface NumericAttribute {
  column: string;
  kind: "numeric";
  key: string;
  name: LocalizedText;
  /** Multiplies the data's values into the form's unit (e.g. DM -> CNY). */
  unitScale?: number;
}

interface CategoricalAttribute {
  column: string;
  kind: "categorical";
  key: string;
  name: LocalizedText;
  /** Data category -> option code and label. */
  options: Record<string, { code: string; en: string; zh: string }>;
}

type Attribute = NumericAttribute | CategoricalAttribute;

export const ATTRIBUTES: Attribute[] = [
  {
    column: "CheckingAccountStatus",
    kind: "categorical",
    key: "checking_status",
    name: { en: "Current (checking) account status", zh: "活期账户状况" },
    options: {
      "lt.0": { code: "overdrawn", en: "Overdrawn", zh: "透支" },
      "0.to.200": { code: "low_balance", en: "Balance under 1,000 yuan", zh: "余额低于 1,000 元" },
      "gt.200": { code: "high_balance", en: "Balance 1,000 yuan or more, or salary paid in for a year", zh: "余额 1,000 元及以上或代发工资满一年" },
      none: { code: "no_account", en: "No current account with us", zh: "在本行无活期账户" },
    },
  },
  { column: "Duration", kind: "numeric", key: "loan_duration_months", name: { en: "Loan term (months)", zh: "贷款期限（月）" } },
  {
    column: "CreditHistory",
    kind: "categorical",
    key: "credit_history",
    name: { en: "Credit history", zh: "信用历史" },
    options: {
      "NoCredit.AllPaid": { code: "no_credit_or_all_repaid", en: "No credit taken, or all repaid duly", zh: "无借贷或已全部按时还清" },
      "ThisBank.AllPaid": { code: "this_bank_all_repaid", en: "All credits at this bank repaid duly", zh: "本行借款均已按时还清" },
      PaidDuly: { code: "repaying_duly", en: "Existing credits repaid duly so far", zh: "现有借款按时还款中" },
      Delay: { code: "past_delays", en: "Delays in repayment in the past", zh: "过去有延迟还款" },
      Critical: { code: "critical_or_other_banks", en: "Critical account, or credits at other banks", zh: "关注类账户或在他行有借款" },
    },
  },
  {
    column: "Purpose",
    kind: "categorical",
    key: "loan_purpose",
    name: { en: "Loan purpose", zh: "贷款用途" },
    options: {
      NewCar: { code: "new_car", en: "New car", zh: "购买新车" },
      UsedCar: { code: "used_car", en: "Used car", zh: "购买二手车" },
      "Furniture.Equipment": { code: "furniture", en: "Furniture, equipment", zh: "家具、设备" },
      "Radio.Television": { code: "electronics", en: "Consumer electronics", zh: "家用电子产品" },
      DomesticAppliance: { code: "appliances", en: "Household appliances", zh: "家用电器" },
      Repairs: { code: "renovation", en: "Home repairs, renovation", zh: "房屋维修、装修" },
      Education: { code: "education", en: "Education", zh: "教育" },
      Retraining: { code: "training", en: "Vocational training", zh: "职业培训" },
      Business: { code: "business", en: "Small business use", zh: "个人经营" },
      Other: { code: "other", en: "Other", zh: "其他" },
    },
  },
  { column: "Amount", kind: "numeric", key: "loan_amount", name: { en: "Loan amount (yuan)", zh: "贷款金额（元）" }, unitScale: CNY_PER_DM },
  {
    column: "SavingsAccountBonds",
    kind: "categorical",
    key: "savings_level",
    name: { en: "Savings and investments", zh: "储蓄及理财" },
    options: {
      "lt.100": { code: "under_500", en: "Under 500 yuan", zh: "500 元以下" },
      "100.to.500": { code: "500_to_2500", en: "500 to 2,500 yuan", zh: "500 至 2,500 元" },
      "500.to.1000": { code: "2500_to_5000", en: "2,500 to 5,000 yuan", zh: "2,500 至 5,000 元" },
      "gt.1000": { code: "over_5000", en: "5,000 yuan or more", zh: "5,000 元及以上" },
      Unknown: { code: "none_or_unknown", en: "None or not disclosed", zh: "无或未提供" },
    },
  },
  {
    column: "EmploymentDuration",
    kind: "categorical",
    key: "employment_years_band",
    name: { en: "Years with current employer", zh: "现单位工作年限" },
    options: {
      Unemployed: { code: "unemployed", en: "Not employed", zh: "无工作" },
      "lt.1": { code: "under_1", en: "Under 1 year", zh: "不满 1 年" },
      "1.to.4": { code: "1_to_4", en: "1 to 4 years", zh: "1 至 4 年" },
      "4.to.7": { code: "4_to_7", en: "4 to 7 years", zh: "4 至 7 年" },
      "gt.7": { code: "over_7", en: "7 years or more", zh: "7 年及以上" },
    },
  },
  {
    column: "InstallmentRatePercentage",
    kind: "numeric",
    key: "installment_rate_band",
    name: { en: "Instalment burden band (1 = lowest .. 4 = highest share of disposable income)", zh: "月供占可支配收入比例档次（1 最低 .. 4 最高）" },
  },
  {
    column: "OtherDebtorsGuarantors",
    kind: "categorical",
    key: "co_obligor",
    name: { en: "Co-applicant or guarantor", zh: "共同借款人或保证人" },
    options: {
      None: { code: "none", en: "None", zh: "无" },
      CoApplicant: { code: "co_applicant", en: "Co-applicant", zh: "共同借款人" },
      Guarantor: { code: "guarantor", en: "Guarantor", zh: "保证人" },
    },
  },
  { column: "ResidenceDuration", kind: "numeric", key: "years_at_address", name: { en: "Years at current address (1-4)", zh: "现住址居住年限（1-4）" } },
  {
    column: "Property",
    kind: "categorical",
    key: "property",
    name: { en: "Most valuable property", zh: "主要财产" },
    options: {
      RealEstate: { code: "real_estate", en: "Real estate", zh: "房产" },
      Insurance: { code: "savings_insurance", en: "Savings agreement or life insurance", zh: "储蓄计划或人寿保险" },
      CarOther: { code: "car_or_other", en: "Car or other", zh: "汽车或其他" },
      Unknown: { code: "none", en: "None or unknown", zh: "无或不详" },
    },
  },
  { column: "Age", kind: "numeric", key: "age", name: { en: "Age (years)", zh: "年龄（岁）" } },
  {
    column: "OtherInstallmentPlans",
    kind: "categorical",
    key: "other_instalment_loans",
    name: { en: "Other instalment loans", zh: "其他分期贷款" },
    options: {
      None: { code: "none", en: "None", zh: "无" },
      Bank: { code: "bank", en: "At other banks", zh: "他行分期" },
      Stores: { code: "stores", en: "Retail or consumer-finance instalments", zh: "商户或消费金融分期" },
    },
  },
  {
    column: "Housing",
    kind: "categorical",
    key: "housing",
    name: { en: "Housing", zh: "居住情况" },
    options: {
      Own: { code: "own", en: "Owner", zh: "自有住房" },
      Rent: { code: "rent", en: "Renting", zh: "租房" },
      ForFree: { code: "free", en: "Living free (family or employer housing)", zh: "借住（亲属或单位提供）" },
    },
  },
  { column: "NumberExistingCredits", kind: "numeric", key: "existing_credits_count", name: { en: "Credits at this bank (count)", zh: "在本行借款笔数" } },
  {
    column: "Job",
    kind: "categorical",
    key: "job",
    name: { en: "Occupation", zh: "职业" },
    options: {
      UnemployedUnskilled: { code: "unemployed_unskilled", en: "Unemployed or unskilled, non-resident", zh: "无业或非本地非技术人员" },
      UnskilledResident: { code: "unskilled", en: "Unskilled worker", zh: "非技术工人" },
      SkilledEmployee: { code: "skilled", en: "Skilled employee or official", zh: "技术员工或一般职员" },
      "Management.SelfEmp.HighlyQualified": { code: "management_professional", en: "Manager, self-employed or highly qualified", zh: "管理人员、个体经营者或高级专业人员" },
    },
  },
  { column: "NumberPeopleMaintenance", kind: "numeric", key: "dependents", name: { en: "Dependants (count)", zh: "供养人数" } },
];

/** Excluded on purpose; listed so the report can say so. */
export const EXCLUDED_COLUMNS = {
  Personal: "sex and marital status: a bank may not rate on them",
  ForeignWorker: "nationality / residence status: a bank may not rate on it",
  Telephone: "owning a telephone says nothing about a Chinese applicant today",
};

// ---------------------------------------------------------------------------------------------------------
// Data

type Row = Record<string, string>;

export function parseCsv(text: string): Row[] {
  const lines = text.trim().split(/\r?\n/);
  const split = (line: string) => line.split(",").map((cell) => cell.replace(/^"(.*)"$/, "$1"));
  const header = split(lines[0]);
  return lines.slice(1).map((line) => {
    const cells = split(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

/** Stratified by outcome so both halves keep the sample's bad rate; seeded Fisher-Yates shuffle. */
function splitSample(rows: Row[]): { train: Row[]; test: Row[] } {
  const random = seededRandom(SEED);
  const shuffle = (items: Row[]) => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const train: Row[] = [];
  const test: Row[] = [];
  for (const outcome of ["Good", "Bad"]) {
    const group = shuffle(rows.filter((r) => r.Class === outcome));
    const cut = Math.round(group.length * TRAIN_SHARE);
    train.push(...group.slice(0, cut));
    test.push(...group.slice(cut));
  }
  return { train, test };
}

const isBad = (r: Row) => r.Class === "Bad";

// ---------------------------------------------------------------------------------------------------------
// Fitting

interface ClassedAttribute {
  attribute: Attribute;
  iv: number;
  numericClasses?: NumericClass[];
  categoricalClasses?: CategoricalClass[];
  /** WoE of a data row's value. */
  woeOf: (row: Row) => number;
}

function classAttribute(attribute: Attribute, train: Row[]): ClassedAttribute {
  const bad = train.map(isBad);
  if (attribute.kind === "numeric") {
    const { classes, iv } = coarseClassNumeric(train.map((r) => Number(r[attribute.column])), bad);
    const classOf = (x: number) => classes.findIndex((c) => c.upper === null || x <= c.upper);
    return { attribute, iv, numericClasses: classes, woeOf: (r) => classes[classOf(Number(r[attribute.column]))].woe };
  }
  const { classes, iv } = coarseClassCategorical(train.map((r) => r[attribute.column]), bad);
  // A category never seen in training gets WoE 0 (no evidence either way).
  return { attribute, iv, categoricalClasses: classes, woeOf: (r) => classes.find((c) => c.categories.includes(r[attribute.column]))?.woe ?? 0 };
}

export interface FittedFactor {
  key: string;
  column: string;
  iv: number;
  coefficient: number;
  standardError: number;
}

export interface IndividualScorecardFit {
  indicators: Indicator[];
  gradeBands: GradeBand[];
  report: {
    seed: number;
    trainSize: number;
    holdoutSize: number;
    sampleBadRate: number;
    targetBadRate: number;
    scaling: { baseScore: number; baseOdds: number; pdo: number; factor: number; offset: number };
    intercept: number;
    calibratedIntercept: number;
    factors: FittedFactor[];
    dropped: { column: string; reason: string }[];
    excluded: Record<string, string>;
    train: Discrimination;
    holdout: Discrimination;
    holdoutBeforeRounding: Discrimination;
    holdoutGradeCounts: Record<string, number>;
  };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function roundMetrics(d: Discrimination): Discrimination {
  return { auc: round4(d.auc), gini: round4(d.gini), ks: round4(d.ks) };
}

export function fitIndividualScorecard(csvText: string): IndividualScorecardFit {
  const { train, test } = splitSample(parseCsv(csvText));
  const dropped: { column: string; reason: string }[] = [];
  let candidates = ATTRIBUTES.map((a) => classAttribute(a, train)).filter((c) => {
    if (c.iv >= MIN_INFORMATION_VALUE) return true;
    dropped.push({ column: c.attribute.column, reason: `information value ${c.iv.toFixed(3)} < ${MIN_INFORMATION_VALUE}` });
    return false;
  });

  const y = train.map((r) => (isBad(r) ? 0 : 1)); // model the log-odds of being good, as points do
  let fit = fitLogistic(train.map((r) => candidates.map((c) => c.woeOf(r))), y);
  for (;;) {
    const worst = fit.coefficients.reduce((w, b, j) => (b < fit.coefficients[w] ? j : w), 0);
    if (fit.coefficients[worst] > 0) break;
    dropped.push({ column: candidates[worst].attribute.column, reason: `negative coefficient ${fit.coefficients[worst].toFixed(3)} (collinear with other factors)` });
    candidates = candidates.filter((_, j) => j !== worst);
    fit = fitLogistic(train.map((r) => candidates.map((c) => c.woeOf(r))), y);
  }

  const factor = PDO / Math.LN2;
  const offset = BASE_SCORE - factor * Math.log(BASE_ODDS);
  const sampleBadRate = train.filter(isBad).length / train.length;
  const priorShift = Math.log((1 - TARGET_BAD_RATE) / TARGET_BAD_RATE) - Math.log((1 - sampleBadRate) / sampleBadRate);
  const calibratedIntercept = fit.intercept + priorShift;
  const share = (offset + factor * calibratedIntercept) / candidates.length;
  const points = (beta: number, woe: number) => Math.round(factor * beta * woe + share);

  const indicators = candidates.map((c, j) => buildIndicator(c, (woe) => points(fit.coefficients[j], woe)));
  const scoreRow = (r: Row) => candidates.reduce((s, c, j) => s + points(fit.coefficients[j], c.woeOf(r)), 0);
  const linearRow = (r: Row) => candidates.reduce((s, c, j) => s + fit.coefficients[j] * c.woeOf(r), fit.intercept);
  const gradeBands = bandsFromScale(factor, offset);
  const holdoutScores = test.map(scoreRow);
  const holdoutGradeCounts: Record<string, number> = {};
  for (const s of holdoutScores) {
    const grade = gradeBands.find((b) => s >= b.minScore)?.grade ?? gradeBands[gradeBands.length - 1].grade;
    holdoutGradeCounts[grade] = (holdoutGradeCounts[grade] ?? 0) + 1;
  }

  return {
    indicators,
    gradeBands,
    report: {
      seed: SEED,
      trainSize: train.length,
      holdoutSize: test.length,
      sampleBadRate: round4(sampleBadRate),
      targetBadRate: TARGET_BAD_RATE,
      scaling: { baseScore: BASE_SCORE, baseOdds: BASE_ODDS, pdo: PDO, factor: round4(factor), offset: round4(offset) },
      intercept: round4(fit.intercept),
      calibratedIntercept: round4(calibratedIntercept),
      factors: candidates.map((c, j) => ({
        key: c.attribute.key,
        column: c.attribute.column,
        iv: round4(c.iv),
        coefficient: round4(fit.coefficients[j]),
        standardError: round4(fit.standardErrors[j + 1]),
      })),
      dropped,
      excluded: EXCLUDED_COLUMNS,
      train: roundMetrics(discrimination(train.map(scoreRow), train.map(isBad))),
      holdout: roundMetrics(discrimination(holdoutScores, test.map(isBad))),
      holdoutBeforeRounding: roundMetrics(discrimination(test.map(linearRow), test.map(isBad))),
      holdoutGradeCounts,
    },
  };
}

function buildIndicator(c: ClassedAttribute, pointsOf: (woe: number) => number): Indicator {
  const a = c.attribute;
  if (a.kind === "numeric") {
    const classes = c.numericClasses!;
    const bins = classes.map((cl) =>
      cl.upper === null ? { lt: null, value: pointsOf(cl.woe) } : { lt: cl.upper * (a.unitScale ?? 1), inclusive: true, value: pointsOf(cl.woe) },
    );
    const values = bins.map((b) => b.value);
    const increasing = values.every((v, i) => i === 0 || v >= values[i - 1]);
    const decreasing = values.every((v, i) => i === 0 || v <= values[i - 1]);
    return {
      key: a.key,
      name: a.name,
      group: "application",
      source: "fact",
      fact: a.key,
      bins,
      // Unknown is scored like the riskiest class: the applicant can always supply the answer.
      missing: Math.min(...values),
      ...(increasing ? { monotonic: "increasing" as const } : decreasing ? { monotonic: "decreasing" as const } : {}),
    };
  }
  const classes = c.categoricalClasses!;
  const options = Object.entries(a.options).map(([category, o]) => {
    const cl = classes.find((k) => k.categories.includes(category));
    return { code: o.code, label: { en: o.en, zh: o.zh }, value: pointsOf(cl?.woe ?? 0) };
  });
  return {
    key: a.key,
    name: a.name,
    group: a.key === "credit_history" ? "history" : "application",
    source: "choice",
    fact: a.key,
    options,
    missing: Math.min(...options.map((o) => o.value)),
  };
}

/** Score at which the implied PD crosses each grade's PD upper bound: score >= minScore <=> PD < maxPd. */
function bandsFromScale(factor: number, offset: number): GradeBand[] {
  const modelGrades = DEFAULT_MASTER_SCALE.grades.slice(0, -1);
  const bands = modelGrades
    .filter((g) => g.maxPd !== null)
    .map((g) => ({ grade: g.grade, minScore: Math.floor(offset + factor * Math.log((1 - g.maxPd!) / g.maxPd!)) + 1 }));
  const worst = modelGrades[modelGrades.length - 1].grade;
  bands.push({ grade: worst, minScore: Math.min(0, bands[bands.length - 1].minScore - 1) });
  return bands;
}

// ---------------------------------------------------------------------------------------------------------
// Output

export function renderGeneratedModule(fit: IndividualScorecardFit): string {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return `/**
 * GENERATED by scripts/fit-individual-scorecard.ts from scripts/data/german_credit.csv. Do not edit by hand:
 * change the script and run \`npx tsx scripts/fit-individual-scorecard.ts\`. See docs/models.md.
 */
import type { GradeBand, Indicator } from "../model-schema";

/** Fit report: sample sizes, calibration, factors, and discrimination on the training and hold-out sets. */
export const INDIVIDUAL_SCORECARD_FIT_REPORT = ${json(fit.report)} as const;

export const INDIVIDUAL_SCORECARD_INDICATORS: Indicator[] = ${json(fit.indicators)};

export const INDIVIDUAL_SCORECARD_GRADE_BANDS: GradeBand[] = ${json(fit.gradeBands)};
`;
}

function main(): void {
  const fit = fitIndividualScorecard(readFileSync(DATA_FILE, "utf8"));
  const generated = renderGeneratedModule(fit);
  const { report } = fit;
  const line = (label: string, d: Discrimination) => `${label}: AUC ${d.auc.toFixed(4)}  Gini ${d.gini.toFixed(4)}  KS ${d.ks.toFixed(4)}`;
  console.log(`train ${report.trainSize} / hold-out ${report.holdoutSize} (seed ${report.seed}), sample bad rate ${report.sampleBadRate}`);
  console.log(line("train (points)", report.train));
  console.log(line("hold-out (points)", report.holdout));
  console.log(line("hold-out (unrounded logistic)", report.holdoutBeforeRounding));
  console.log("factors:", report.factors.map((f) => `${f.key} (IV ${f.iv}, b ${f.coefficient})`).join(", "));
  console.log("dropped:", report.dropped.map((d) => `${d.column}: ${d.reason}`).join("; "));
  console.log("hold-out grades:", JSON.stringify(report.holdoutGradeCounts));
  if (process.argv.includes("--check")) {
    const committed = readFileSync(OUTPUT_FILE, "utf8");
    if (committed !== generated) {
      console.error(`${path.relative(ROOT, OUTPUT_FILE)} is out of date: run npx tsx scripts/fit-individual-scorecard.ts`);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, OUTPUT_FILE)} is up to date`);
    return;
  }
  writeFileSync(OUTPUT_FILE, generated);
  console.log(`wrote ${path.relative(ROOT, OUTPUT_FILE)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
