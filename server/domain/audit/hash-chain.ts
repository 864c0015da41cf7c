import { createHash } from "node:crypto";

/**
 * Tamper evidence for the audit log: each row's hash covers its own content and the previous row's hash,
 * so altering, deleting or reordering any row breaks every later link. (node:crypto is a pure function
 * here, not I/O.)
 */
export interface AuditContent {
  id: number;
  at: string; // ISO timestamp
  userId: string | null;
  username: string | null;
  role: string | null;
  institutionId: number | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  correlationId: string | null;
}

/** JSON with object keys sorted, so the same content always hashes the same, whatever the key order in jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export const GENESIS_HASH = "0".repeat(64);

export function auditRowHash(prevHash: string, content: AuditContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(content)).digest("hex");
}

export type ChainVerdict = { intact: true; rows: number; lastHash: string } | { intact: false; rows: number; brokenAtId: number; reason: string };

/** Rows must be given in id order. */
export function verifyChain(rows: (AuditContent & { prevHash: string | null; hash: string | null })[]): ChainVerdict {
  let prev = GENESIS_HASH;
  let lastId = 0;
  for (const row of rows) {
    if (row.id <= lastId) return { intact: false, rows: rows.length, brokenAtId: row.id, reason: "order" };
    if (row.prevHash !== prev) return { intact: false, rows: rows.length, brokenAtId: row.id, reason: "link" };
    const { prevHash: _p, hash, ...content } = row;
    if (auditRowHash(prev, content) !== hash) return { intact: false, rows: rows.length, brokenAtId: row.id, reason: "content" };
    prev = hash!;
    lastId = row.id;
  }
  return { intact: true, rows: rows.length, lastHash: prev };
}
