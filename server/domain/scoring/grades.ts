/**
 * Grade arithmetic on a master scale. Grades are ordered best first; the last grade is the default grade D,
 * which models never assign, so "model grades" are all grades but the last. Positive notches mean a better
 * grade (a lower index).
 */
import { DomainError } from "@/server/domain/errors";
import { scoringIssue } from "./issues";
import type { MasterScale } from "./model-schema";

/** Index of a grade on the scale (0 = best), or -1 if the scale has no such grade. */
export function gradeIndex(scale: MasterScale, grade: string): number {
  const grades = scale.grades;
  for (let i = 0; i < grades.length; i++) if (grades[i].grade === grade) return i;
  return -1;
}

/** Index of the worst grade a model may assign: the one just before D. */
export function worstModelGradeIndex(scale: MasterScale): number {
  return scale.grades.length - 2;
}

/** First grade whose exclusive upper bound is above the PD (SPEC 5.3); never D. */
export function gradeIndexForPd(scale: MasterScale, pd: number): number {
  const last = worstModelGradeIndex(scale);
  for (let i = 0; i < last; i++) {
    const maxPd = scale.grades[i].maxPd;
    if (maxPd === null || pd < maxPd) return i;
  }
  return last;
}

export function gradeForPd(scale: MasterScale, pd: number): string {
  return scale.grades[gradeIndexForPd(scale, pd)].grade;
}

/**
 * Moves a grade by `notches` (positive = better). Leaving the scale, or landing on D, is an invalid adjustment:
 * the caller asked for something impossible and must not get a silently clamped grade.
 */
export function moveGrade(scale: MasterScale, grade: string, notches: number): string {
  const from = gradeIndex(scale, grade);
  const worst = worstModelGradeIndex(scale);
  const to = from - notches;
  if (from < 0 || from > worst || !Number.isInteger(notches) || to < 0 || to > worst) {
    const params = { grade, notches, best: scale.grades[0].grade, worst: scale.grades[worst].grade };
    const issue = scoringIssue("override.notches", "adjustment.grade_out_of_scale", params);
    throw new DomainError("INVALID_ADJUSTMENT", issue.message, { fields: [issue], params });
  }
  return scale.grades[to].grade;
}
