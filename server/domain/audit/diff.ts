/**
 * A readable difference between an audit row's `before` and `after`: one line per changed leaf, with dotted
 * paths (`value.rater`, `role`). Arrays are compared as whole values (a list of types reads better whole).
 */
export interface DiffLine {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffValues(before: unknown, after: unknown, path = ""): DiffLine[] {
  // A creation or deletion of a record reads best field by field too.
  if ((before === null || before === undefined) && isPlainObject(after)) before = {};
  if ((after === null || after === undefined) && isPlainObject(before)) after = {};
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const p = path ? `${path}.${k}` : k;
      if (!(k in after) || after[k] === undefined) return before[k] === undefined ? [] : [{ path: p, kind: "removed" as const, before: before[k] }];
      if (!(k in before) || before[k] === undefined) return [{ path: p, kind: "added" as const, after: after[k] }];
      return diffValues(before[k], after[k], p);
    });
  }
  if (same(before, after)) return [];
  if (before === null || before === undefined) return [{ path: path || "value", kind: "added", after }];
  if (after === null || after === undefined) return [{ path: path || "value", kind: "removed", before }];
  return [{ path: path || "value", kind: "changed", before, after }];
}

/** Short text of a value for a diff cell or a spreadsheet. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return "∅";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}
