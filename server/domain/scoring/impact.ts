/**
 * Impact of re-scoring a book under a draft model: how many customers keep, gain or lose grade, by how many
 * notches, and the full from -> to matrix (for the table and the chart of the impact preview).
 */
import { DomainError } from "@/server/domain/errors";
import { gradeIndex } from "./grades";
import { scoringIssue, type ScoringIssue } from "./issues";
import type { MasterScale } from "./model-schema";

export interface GradePair {
  before: string;
  after: string;
}

export interface ImpactSummary {
  total: number;
  unchanged: number;
  upgraded: number;
  downgraded: number;
  /** Notches moved (positive = better grade) -> number of customers, sorted by notches; 0 included. */
  notchHistogram: { notches: number; count: number }[];
  /** Grade codes of the scale, the row and column labels of `matrix`. */
  grades: string[];
  /** matrix[i][j] = customers moving from grades[i] to grades[j]. */
  matrix: number[][];
}

export function summarizeImpact(pairs: readonly GradePair[], scale: MasterScale): ImpactSummary {
  const grades = scale.grades.map((g) => g.grade);
  const matrix = grades.map(() => grades.map(() => 0));
  const histogram = new Map<number, number>();
  const issues: ScoringIssue[] = [];
  let unchanged = 0;
  let upgraded = 0;
  let downgraded = 0;
  pairs.forEach((pair, i) => {
    const from = gradeIndex(scale, pair.before);
    const to = gradeIndex(scale, pair.after);
    if (from < 0) issues.push(scoringIssue(`pairs.${i}.before`, "impact.unknown_grade", { grade: String(pair.before) }));
    if (to < 0) issues.push(scoringIssue(`pairs.${i}.after`, "impact.unknown_grade", { grade: String(pair.after) }));
    if (from < 0 || to < 0) return;
    const notches = from - to;
    if (notches === 0) unchanged++;
    else if (notches > 0) upgraded++;
    else downgraded++;
    histogram.set(notches, (histogram.get(notches) ?? 0) + 1);
    matrix[from][to]++;
  });
  if (issues.length > 0) throw new DomainError("VALIDATION", issues[0].message, { fields: issues });
  return {
    total: pairs.length,
    unchanged,
    upgraded,
    downgraded,
    notchHistogram: [...histogram.entries()].sort((a, b) => a[0] - b[0]).map(([notches, count]) => ({ notches, count })),
    grades,
    matrix,
  };
}
