/**
 * Differences between two model versions, for the side-by-side view in model governance, and the impact summary
 * of re-scoring a book under a draft (re-exported from impact.ts).
 *
 * Indicators are matched by key, options by code, grade bands by grade and coefficients by grade or section, so
 * reordering them does not show as a change; bins and caps are compared by position because their order is their
 * meaning. Values are compared with object keys sorted, so a model round-tripped through jsonb (which reorders
 * keys) shows no spurious changes.
 */
import type { Bin, Cap, ChoiceOption, Indicator, ModelDefinition } from "./model-schema";

export { summarizeImpact, type ImpactSummary, type GradePair } from "./impact";

export type ChangeSection = "model" | "indicator" | "bins" | "options" | "gradeBands" | "caps" | "limit";

export interface ModelChange {
  section: ChangeSection;
  kind: "added" | "removed" | "changed";
  /** Dotted path in the *after* model (or the before model for removals), e.g. `indicators.debt_ratio.bins.2.value`. */
  path: string;
  /** Indicator key for indicator, bins and options changes. */
  indicator?: string;
  before?: unknown;
  after?: unknown;
  /** One line for people: "debt_ratio: bin 3 value 0.5 -> 0.3". */
  summary: string;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function show(value: unknown): string {
  if (value === undefined) return "none";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function describeBin(bin: Bin): string {
  const bound = bin.lt === null ? "rest" : `${bin.inclusive ? "<=" : "<"} ${bin.lt}`;
  return `${bound}: ${bin.value}`;
}

export function diffModels(before: ModelDefinition, after: ModelDefinition): ModelChange[] {
  const changes: ModelChange[] = [];
  const change = (c: ModelChange) => changes.push(c);

  const scalar = (field: keyof ModelDefinition, label: string) => {
    if (!same(before[field], after[field])) {
      change({ section: "model", kind: "changed", path: field, before: before[field], after: after[field], summary: `${label}: ${show(before[field])} -> ${show(after[field])}` });
    }
  };
  scalar("name", "Name");
  scalar("kind", "Kind");
  scalar("customerTypes", "Customer types");
  scalar("intercept", "Intercept");
  scalar("scoreScale", "Score scale");
  scalar("overrideMaxNotches", "Maximum override notches");

  diffIndicators(before.indicators, after.indicators, change);
  diffKeyed("gradeBands", (before.gradeBands ?? []).map((b) => [b.grade, b.minScore]), (after.gradeBands ?? []).map((b) => [b.grade, b.minScore]), "Grade band", change);
  diffCaps(before.caps, after.caps, change);

  for (const field of ["base", "existingDebt"] as const) {
    if (before.limit[field] !== after.limit[field]) {
      change({ section: "limit", kind: "changed", path: `limit.${field}`, before: before.limit[field], after: after.limit[field], summary: `Limit ${field}: ${before.limit[field]} -> ${after.limit[field]}` });
    }
  }
  diffKeyed("limit", Object.entries(before.limit.coefficients), Object.entries(after.limit.coefficients), "Limit coefficient", change, "limit.coefficients");
  diffKeyed("limit", Object.entries(before.limit.industryCoefficients ?? {}), Object.entries(after.limit.industryCoefficients ?? {}), "Industry coefficient", change, "limit.industryCoefficients");
  return changes;
}

/** Compares `[key, value]` lists by key. */
function diffKeyed(section: ChangeSection, before: [string, unknown][], after: [string, unknown][], label: string, change: (c: ModelChange) => void, pathPrefix: string = section): void {
  const a = new Map(before);
  const b = new Map(after);
  for (const [key, value] of b) {
    const path = `${pathPrefix}.${key}`;
    if (!a.has(key)) change({ section, kind: "added", path, after: value, summary: `${label} ${key} added: ${show(value)}` });
    else if (!same(a.get(key), value)) change({ section, kind: "changed", path, before: a.get(key), after: value, summary: `${label} ${key}: ${show(a.get(key))} -> ${show(value)}` });
  }
  for (const [key, value] of a) {
    if (!b.has(key)) change({ section, kind: "removed", path: `${pathPrefix}.${key}`, before: value, summary: `${label} ${key} removed` });
  }
}

const INDICATOR_FIELDS = ["name", "group", "source", "formula", "fact", "missing", "coefficient", "weightAdjust", "monotonic"] as const;

function diffIndicators(before: Indicator[], after: Indicator[], change: (c: ModelChange) => void): void {
  const a = new Map(before.map((i) => [i.key, i]));
  const b = new Map(after.map((i) => [i.key, i]));
  for (const [key, next] of b) {
    const prev = a.get(key);
    const at = `indicators.${key}`;
    if (!prev) {
      change({ section: "indicator", kind: "added", path: at, indicator: key, after: next, summary: `Indicator ${key} added` });
      continue;
    }
    for (const field of INDICATOR_FIELDS) {
      if (!same(prev[field], next[field])) {
        change({ section: "indicator", kind: "changed", path: `${at}.${field}`, indicator: key, before: prev[field], after: next[field], summary: `${key}: ${field} ${show(prev[field])} -> ${show(next[field])}` });
      }
    }
    diffBins(key, prev.bins ?? [], next.bins ?? [], change);
    diffOptions(key, prev.options ?? [], next.options ?? [], change);
  }
  for (const [key, prev] of a) {
    if (!b.has(key)) change({ section: "indicator", kind: "removed", path: `indicators.${key}`, indicator: key, before: prev, summary: `Indicator ${key} removed` });
  }
}

function diffBins(key: string, before: Bin[], after: Bin[], change: (c: ModelChange) => void): void {
  for (let j = 0; j < Math.max(before.length, after.length); j++) {
    const path = `indicators.${key}.bins.${j}`;
    const prev = before[j];
    const next = after[j];
    if (!prev) change({ section: "bins", kind: "added", path, indicator: key, after: next, summary: `${key}: bin ${j + 1} added (${describeBin(next)})` });
    else if (!next) change({ section: "bins", kind: "removed", path, indicator: key, before: prev, summary: `${key}: bin ${j + 1} removed (${describeBin(prev)})` });
    else if (!same({ ...prev, inclusive: !!prev.inclusive }, { ...next, inclusive: !!next.inclusive })) {
      change({ section: "bins", kind: "changed", path, indicator: key, before: prev, after: next, summary: `${key}: bin ${j + 1} ${describeBin(prev)} -> ${describeBin(next)}` });
    }
  }
}

function diffOptions(key: string, before: ChoiceOption[], after: ChoiceOption[], change: (c: ModelChange) => void): void {
  const a = new Map(before.map((o) => [o.code, o]));
  const b = new Map(after.map((o) => [o.code, o]));
  for (const [code, next] of b) {
    const prev = a.get(code);
    const path = `indicators.${key}.options.${code}`;
    if (!prev) change({ section: "options", kind: "added", path, indicator: key, after: next, summary: `${key}: option ${code} added (${next.value})` });
    else if (!same(prev, next)) {
      const what = prev.value !== next.value ? `value ${prev.value} -> ${next.value}` : "label changed";
      change({ section: "options", kind: "changed", path, indicator: key, before: prev, after: next, summary: `${key}: option ${code} ${what}` });
    }
  }
  for (const [code, prev] of a) {
    if (!b.has(code)) change({ section: "options", kind: "removed", path: `indicators.${key}.options.${code}`, indicator: key, before: prev, summary: `${key}: option ${code} removed` });
  }
}

function describeCap(cap: Cap): string {
  const target = cap.when.indicator ?? `fact ${cap.when.fact}`;
  return `${target} ${cap.when.op} ${show(cap.when.value)} => max ${cap.maxGrade}`;
}

function diffCaps(before: Cap[], after: Cap[], change: (c: ModelChange) => void): void {
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const path = `caps.${i}`;
    const prev = before[i];
    const next = after[i];
    if (!prev) change({ section: "caps", kind: "added", path, after: next, summary: `Cap added: ${describeCap(next)}` });
    else if (!next) change({ section: "caps", kind: "removed", path, before: prev, summary: `Cap removed: ${describeCap(prev)}` });
    else if (!same(prev, next)) change({ section: "caps", kind: "changed", path, before: prev, after: next, summary: `Cap ${i + 1}: ${describeCap(prev)} -> ${describeCap(next)}` });
  }
}
