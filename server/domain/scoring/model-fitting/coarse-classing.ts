/**
 * Coarse classing and weight of evidence (WoE) for scorecard development.
 *
 * Fine classes (deciles of a numeric attribute, or each category) are merged into coarse classes that are
 * large enough to be stable (at least `minShare` of the sample) and, for numeric attributes, have a bad rate that
 * moves in one direction with the value, so that points never zig-zag with, say, age. Each coarse class gets
 * WoE = ln(share of goods / share of bads) (higher = safer) and the attribute an information value
 * IV = sum (share of goods - share of bads) * WoE.
 *
 * All merges are deterministic (ties broken by position), so a fit is reproducible.
 */

export interface ClassCounts {
  goods: number;
  bads: number;
}

export interface NumericClass extends ClassCounts {
  /** Largest training value in the class: the class holds values <= upper (null for the last class). */
  upper: number | null;
  woe: number;
}

export interface CategoricalClass extends ClassCounts {
  categories: string[];
  woe: number;
}

export interface ClassingOptions {
  /** Minimum share of the sample in a class. */
  minShare?: number;
  /** Maximum number of coarse classes. */
  maxClasses?: number;
  /** Number of quantile fine classes for numeric attributes with many distinct values. */
  fineClasses?: number;
  /** Categorical classes whose WoE differs by less than this are merged. */
  minWoeGap?: number;
}

const DEFAULTS: Required<ClassingOptions> = { minShare: 0.05, maxClasses: 5, fineClasses: 10, minWoeGap: 0.15 };

/** WoE with +0.5 smoothing so that an all-good or all-bad class stays finite. */
export function weightOfEvidence(c: ClassCounts, total: ClassCounts): number {
  return Math.log((c.goods + 0.5) / (total.goods + 0.5) / ((c.bads + 0.5) / (total.bads + 0.5)));
}

export function informationValue(classes: ClassCounts[], total: ClassCounts): number {
  let iv = 0;
  for (const c of classes) iv += ((c.goods + 0.5) / (total.goods + 0.5) - (c.bads + 0.5) / (total.bads + 0.5)) * weightOfEvidence(c, total);
  return iv;
}

function totals(bad: ArrayLike<boolean>): ClassCounts {
  let bads = 0;
  for (let i = 0; i < bad.length; i++) if (bad[i]) bads++;
  return { goods: bad.length - bads, bads };
}

const badRate = (c: ClassCounts) => c.bads / Math.max(1, c.goods + c.bads);
const size = (c: ClassCounts) => c.goods + c.bads;

// ---------------------------------------------------------------------------------------------------------
// Numeric attributes

interface Interval extends ClassCounts {
  upper: number;
}

function mergeIntervals(classes: Interval[], i: number): void {
  // Merge class i with class i + 1; the merged class keeps the upper bound of the higher one.
  const a = classes[i];
  const b = classes[i + 1];
  classes.splice(i, 2, { upper: b.upper, goods: a.goods + b.goods, bads: a.bads + b.bads });
}

function fineIntervals(values: ArrayLike<number>, bad: ArrayLike<boolean>, fineClasses: number): Interval[] {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  const cuts =
    distinct.length <= fineClasses
      ? distinct
      : [...new Set(Array.from({ length: fineClasses }, (_, k) => sorted[Math.min(sorted.length - 1, Math.floor(((k + 1) * sorted.length) / fineClasses) - 1)]))];
  if (cuts[cuts.length - 1] !== distinct[distinct.length - 1]) cuts.push(distinct[distinct.length - 1]);
  const classes: Interval[] = cuts.map((upper) => ({ upper, goods: 0, bads: 0 }));
  for (let i = 0; i < values.length; i++) {
    const c = classes.find((cl) => values[i] <= cl.upper)!;
    if (bad[i]) c.bads++;
    else c.goods++;
  }
  return classes.filter((c) => size(c) > 0);
}

/** Sign of the correlation between value and badness: +1 when higher values are riskier. */
function riskDirection(values: ArrayLike<number>, bad: ArrayLike<boolean>): 1 | -1 {
  const n = values.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += values[i] / n;
    my += (bad[i] ? 1 : 0) / n;
  }
  let cov = 0;
  for (let i = 0; i < n; i++) cov += (values[i] - mx) * ((bad[i] ? 1 : 0) - my);
  return cov >= 0 ? 1 : -1;
}

export function coarseClassNumeric(values: ArrayLike<number>, bad: ArrayLike<boolean>, options: ClassingOptions = {}): { classes: NumericClass[]; iv: number } {
  const opts = { ...DEFAULTS, ...options };
  const total = totals(bad);
  const minSize = Math.ceil(opts.minShare * values.length);
  const classes = fineIntervals(values, bad, opts.fineClasses);

  // 1. Too small: merge with the neighbour whose bad rate is closer.
  for (;;) {
    const i = classes.findIndex((c) => size(c) < minSize);
    if (i < 0 || classes.length === 1) break;
    const left = i > 0 ? Math.abs(badRate(classes[i - 1]) - badRate(classes[i])) : Infinity;
    const right = i < classes.length - 1 ? Math.abs(badRate(classes[i + 1]) - badRate(classes[i])) : Infinity;
    mergeIntervals(classes, left <= right ? i - 1 : i);
  }
  // 2. Monotonic bad rate: merge the violating neighbours that are closest in bad rate.
  const direction = riskDirection(values, bad);
  for (;;) {
    let best = -1;
    let bestGap = Infinity;
    for (let i = 0; i + 1 < classes.length; i++) {
      const step = (badRate(classes[i + 1]) - badRate(classes[i])) * direction;
      if (step < 0 && -step < bestGap) {
        best = i;
        bestGap = -step;
      }
    }
    if (best < 0) break;
    mergeIntervals(classes, best);
  }
  // 3. Too many classes: merge the neighbours closest in WoE.
  while (classes.length > opts.maxClasses) {
    let best = 0;
    let bestGap = Infinity;
    for (let i = 0; i + 1 < classes.length; i++) {
      const gap = Math.abs(weightOfEvidence(classes[i + 1], total) - weightOfEvidence(classes[i], total));
      if (gap < bestGap) {
        best = i;
        bestGap = gap;
      }
    }
    mergeIntervals(classes, best);
  }
  return {
    classes: classes.map((c, i) => ({ ...c, upper: i === classes.length - 1 ? null : c.upper, woe: weightOfEvidence(c, total) })),
    iv: informationValue(classes, total),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Categorical attributes

export function coarseClassCategorical(values: ArrayLike<string>, bad: ArrayLike<boolean>, options: ClassingOptions = {}): { classes: CategoricalClass[]; iv: number } {
  const opts = { ...DEFAULTS, ...options };
  const total = totals(bad);
  const minSize = Math.ceil(opts.minShare * values.length);
  const byCategory = new Map<string, ClassCounts>();
  for (let i = 0; i < values.length; i++) {
    const c = byCategory.get(values[i]) ?? { goods: 0, bads: 0 };
    if (bad[i]) c.bads++;
    else c.goods++;
    byCategory.set(values[i], c);
  }
  // Categories are unordered: sort them by bad rate (then name) so merges are deterministic and neighbour-based.
  type Group = ClassCounts & { categories: string[] };
  const groups: Group[] = [...byCategory.entries()]
    .map(([category, c]) => ({ ...c, categories: [category] }))
    .sort((a, b) => badRate(a) - badRate(b) || a.categories[0].localeCompare(b.categories[0]));
  const merge = (i: number) => {
    const a = groups[i];
    const b = groups[i + 1];
    groups.splice(i, 2, { goods: a.goods + b.goods, bads: a.bads + b.bads, categories: [...a.categories, ...b.categories] });
  };
  const closestPair = (): [number, number] => {
    let best = 0;
    let bestGap = Infinity;
    for (let i = 0; i + 1 < groups.length; i++) {
      const gap = Math.abs(weightOfEvidence(groups[i + 1], total) - weightOfEvidence(groups[i], total));
      if (gap < bestGap) {
        best = i;
        bestGap = gap;
      }
    }
    return [best, bestGap];
  };
  for (;;) {
    const i = groups.findIndex((g) => size(g) < minSize);
    if (i < 0 || groups.length === 1) break;
    const left = i > 0 ? Math.abs(badRate(groups[i - 1]) - badRate(groups[i])) : Infinity;
    const right = i < groups.length - 1 ? Math.abs(badRate(groups[i + 1]) - badRate(groups[i])) : Infinity;
    merge(left <= right ? i - 1 : i);
  }
  for (;;) {
    if (groups.length <= 1) break;
    const [i, gap] = closestPair();
    if (gap >= opts.minWoeGap && groups.length <= opts.maxClasses) break;
    merge(i);
  }
  return { classes: groups.map((g) => ({ ...g, woe: weightOfEvidence(g, total) })), iv: informationValue(groups, total) };
}
