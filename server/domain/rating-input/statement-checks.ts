import type { FieldIssue } from "../errors";

/**
 * Checks on statement line items entered or imported for a rating. Amounts are compared in integer cents so a
 * balance to the cent never fails on floating-point noise.
 */
export interface BalanceTolerance {
  absolute: number; // yuan
  relative: number; // share of total assets
}

export const DEFAULT_TOLERANCE: BalanceTolerance = { absolute: 1, relative: 0.0001 };

const cents = (v: number) => Math.round(v * 100);
const NON_NEGATIVE = new Set(["BS001", "BS002", "BS003", "BS004", "BS005", "BS006", "BS007", "BS008", "BS009", "BS010", "BS011", "BS012", "BS013", "IS001", "IS003"]);

/** Field issues for one period's items; `prefix` is the form path (e.g. `statements.current`). */
export function statementIssues(items: Record<string, number>, prefix: string, tol: BalanceTolerance = DEFAULT_TOLERANCE): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const code in items) {
    const value = items[code];
    if (typeof value !== "number" || !Number.isFinite(value)) issues.push({ path: `${prefix}.${code}`, message: "workflow.notANumber" });
    else if (NON_NEGATIVE.has(code) && value < 0) issues.push({ path: `${prefix}.${code}`, message: "workflow.negativeTotal" });
    else if (Math.abs(value) >= 1e15) issues.push({ path: `${prefix}.${code}`, message: "workflow.tooLarge" });
  }
  if (issues.length) return issues;
  const { BS007, BS013, BS014, BS004, BS001, BS002, BS003, BS010, BS008, BS009 } = items;
  if ([BS007, BS013, BS014].every((v) => typeof v === "number")) {
    const diff = cents(BS007) - (cents(BS013) + cents(BS014));
    const allowed = Math.max(cents(tol.absolute), Math.round(Math.abs(cents(BS007)) * tol.relative));
    if (Math.abs(diff) > allowed) issues.push({ path: `${prefix}.BS007`, message: "workflow.unbalanced", params: { diff: (diff / 100).toFixed(2) } });
  }
  if ([BS004, BS001, BS002, BS003].every((v) => typeof v === "number") && cents(BS004) < cents(BS001) + cents(BS002) + cents(BS003)) {
    issues.push({ path: `${prefix}.BS004`, message: "workflow.currentAssetsTooSmall" });
  }
  if ([BS010, BS008, BS009].every((v) => typeof v === "number") && cents(BS010) < cents(BS008) + cents(BS009)) {
    issues.push({ path: `${prefix}.BS010`, message: "workflow.currentLiabilitiesTooSmall" });
  }
  return issues;
}
