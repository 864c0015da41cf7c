/** The ordinal master-scale grades, best first (D = default, never proposed by a person). */
export const GRADES = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"] as const;
export type Grade = (typeof GRADES)[number];

export function isGrade(v: unknown): v is Grade {
  return typeof v === "string" && (GRADES as readonly string[]).includes(v);
}

/** Notches between two grades; positive when `to` is better than `from`. */
export function notchesBetween(from: string, to: string): number {
  return GRADES.indexOf(from as Grade) - GRADES.indexOf(to as Grade);
}

/** True when `grade` is at or above (better than or equal to) `threshold`. */
export function atOrAbove(grade: string, threshold: string): boolean {
  return GRADES.indexOf(grade as Grade) <= GRADES.indexOf(threshold as Grade);
}
