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

export type BreakReason = "order" | "link" | "content" | "anchor" | "anchorMissing";
export type ChainVerdict =
  | { intact: true; rows: number; lastId: number; lastHash: string }
  | { intact: false; rows: number; brokenAtId: number; reason: BreakReason };

export type ChainRow = AuditContent & { prevHash: string | null; hash: string | null };

/** A hash exported earlier and kept outside the database: the row with this id must still carry this hash. */
export interface ChainAnchor {
  id: number;
  hash: string;
}

/**
 * Verifies the chain page by page (rows in id order, across any number of `push` calls), so a large log is
 * checked in constant memory. Reasons: `order` (ids not increasing), `link` (prev_hash differs from the
 * previous row's hash: a row was deleted, inserted or moved), `content` (the row's hash does not match its
 * content: the row was altered), `anchor` / `anchorMissing` (the exported latest hash no longer matches or its
 * row is gone: the chain was rewritten or truncated after the export).
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private lastId = 0;
  private checked = 0;
  private anchorSeen = false;
  private broken: { id: number; reason: BreakReason } | null = null;

  constructor(private readonly anchor?: ChainAnchor) {}

  /** Returns false once a break is found; later rows are not looked at. */
  push(rows: readonly ChainRow[]): boolean {
    if (this.broken) return false;
    for (const row of rows) {
      this.checked++;
      if (row.id <= this.lastId) return this.fail(row.id, "order");
      if (row.prevHash !== this.prev) return this.fail(row.id, "link");
      const { prevHash: _p, hash, ...content } = row;
      if (auditRowHash(this.prev, content) !== hash) return this.fail(row.id, "content");
      if (this.anchor && row.id === this.anchor.id) {
        if (hash !== this.anchor.hash) return this.fail(row.id, "anchor");
        this.anchorSeen = true;
      }
      this.prev = hash!;
      this.lastId = row.id;
    }
    return true;
  }

  get rowsChecked(): number {
    return this.checked;
  }

  get isBroken(): boolean {
    return this.broken !== null;
  }

  finish(): ChainVerdict {
    if (!this.broken && this.anchor && !this.anchorSeen) this.broken = { id: this.anchor.id, reason: "anchorMissing" };
    if (this.broken) return { intact: false, rows: this.checked, brokenAtId: this.broken.id, reason: this.broken.reason };
    return { intact: true, rows: this.checked, lastId: this.lastId, lastHash: this.prev };
  }

  private fail(id: number, reason: BreakReason): false {
    this.broken = { id, reason };
    return false;
  }
}

/** Rows must be given in id order. */
export function verifyChain(rows: readonly ChainRow[], anchor?: ChainAnchor): ChainVerdict {
  const v = new ChainVerifier(anchor);
  v.push(rows);
  return v.finish();
}
