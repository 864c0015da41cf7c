import "server-only";
import type { FieldIssue } from "@/server/domain/errors";
import type { ScoringIssue } from "@/server/domain/scoring";

/** Scoring issues carry both languages; the person editing the draft reads theirs. */
export function localizeIssues(issues: readonly ScoringIssue[], locale: "zh" | "en"): FieldIssue[] {
  return issues.map((i) => ({ path: i.path, message: locale === "zh" ? i.messageZh : i.message }));
}
