/**
 * Statistics filters, dimensions and grade arithmetic: pure, shared by the tRPC procedures, the export route
 * and the pages. Dimensions and sort keys are allow-lists (never a client-chosen column name in SQL).
 */
import { z } from "zod";
import { DEFAULT_MASTER_SCALE } from "@/server/domain/scoring/master-scale";

export const DIMENSIONS = ["grade", "region", "industry", "nature", "institution"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const CUSTOMER_TYPES = ["corporate", "sme", "public_institution", "individual"] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "stats.error.date");
const optionalDate = z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional());

/** Common filter: rating period (rated_on between from and to, inclusive), institution subtree, customer type, model. */
export const statsFilterInput = z.object({
  from: optionalDate,
  to: optionalDate,
  /** An institution inside the actor's subtree; the server narrows to it (never widens). */
  institutionId: z.preprocess((v) => (v === "" || v === undefined ? undefined : Number(v)), z.number().int().positive().optional()),
  customerType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CUSTOMER_TYPES).optional()),
  modelKey: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(64).optional()),
}).refine((f) => !f.from || !f.to || f.from <= f.to, { message: "stats.error.range", path: ["to"] });
export type StatsFilter = z.output<typeof statsFilterInput>;

/** A drill-down: the filter plus the bar that was clicked (dimension = value), or a migration cell. */
export const drillInput = z.object({
  filter: statsFilterInput,
  dimension: z.enum([...DIMENSIONS, "quarter", "override"]).optional(),
  value: z.string().max(64).optional(),
  sort: z.enum(["ratedOn", "grade", "customerName", "customerCode", "institution"]).default("ratedOn"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export type DrillInput = z.output<typeof drillInput>;

export const migrationInput = z.object({
  filter: statsFilterInput,
  fromDate: isoDate,
  toDate: isoDate,
}).refine((m) => m.fromDate < m.toDate, { message: "stats.error.range", path: ["toDate"] });

export const GRADES: string[] = DEFAULT_MASTER_SCALE.grades.map((g) => g.grade);

/** Notches between two grades: positive = the second is better (an upgrade). Null if either is unknown. */
export function notches(fromGrade: string | null, toGrade: string | null): number | null {
  if (!fromGrade || !toGrade) return null;
  const a = GRADES.indexOf(fromGrade);
  const b = GRADES.indexOf(toGrade);
  if (a < 0 || b < 0) return null;
  return a - b;
}

export function sortGrades<T extends { key: string | null }>(rows: T[]): T[] {
  const idx = (g: string | null) => (g === null ? 1e9 : GRADES.indexOf(g) < 0 ? 1e8 : GRADES.indexOf(g));
  return [...rows].sort((x, y) => idx(x.key) - idx(y.key));
}

export interface MigrationCell { from: string; to: string; count: number }
export interface MigrationMatrix {
  grades: string[];
  /** counts[i][j]: customers at grades[i] on the first date and grades[j] on the second */
  counts: number[][];
  /** row percentages (0-100, one decimal), i.e. the share of the row's customers that moved to each grade */
  percents: number[][];
  rowTotals: number[];
  total: number;
  upgrades: number;
  downgrades: number;
  unchanged: number;
}

/** Builds the square matrix, with row percentages and the up/down/unchanged totals, from sparse cells. */
export function buildMigrationMatrix(cells: MigrationCell[]): MigrationMatrix {
  const seen = new Set<string>();
  for (const c of cells) { seen.add(c.from); seen.add(c.to); }
  const grades = [...GRADES.filter((g) => seen.has(g)), ...[...seen].filter((g) => !GRADES.includes(g)).sort()];
  const pos = new Map(grades.map((g, i) => [g, i]));
  const counts = grades.map(() => grades.map(() => 0));
  let upgrades = 0, downgrades = 0, unchanged = 0;
  for (const c of cells) {
    counts[pos.get(c.from)!][pos.get(c.to)!] += c.count;
    const n = notches(c.from, c.to);
    if (n === null || n === 0) unchanged += c.count; else if (n > 0) upgrades += c.count; else downgrades += c.count;
  }
  const rowTotals = counts.map((r) => r.reduce((s, v) => s + v, 0));
  const percents = counts.map((r, i) => r.map((v) => (rowTotals[i] ? Math.round((v / rowTotals[i]) * 1000) / 10 : 0)));
  return { grades, counts, percents, rowTotals, total: rowTotals.reduce((s, v) => s + v, 0), upgrades, downgrades, unchanged };
}

/** "2025-Q3" for a date string. */
export function quarterOf(isoDay: string): string {
  const m = Number(isoDay.slice(5, 7));
  return `${isoDay.slice(0, 4)}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** Median of numbers (null for none). */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
