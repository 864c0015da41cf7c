import "server-only";
import { desc, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";
import { auditRowHash, GENESIS_HASH } from "@/server/domain/audit/hash-chain";

const AUDIT_CHAIN_LOCK = 4_207_010;

export interface AuditEntry {
  userId?: string | null;
  username?: string | null;
  role?: string | null;
  institutionId?: number | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  correlationId?: string | null;
}

/**
 * Appends one audit row, chained to the previous one. Must run inside the transaction of the change it
 * records (a rolled-back change leaves no audit row); the transaction-scoped lock serialises writers so the
 * chain order equals the id order.
 */
export async function appendAudit(tx: Queryable, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const [{ id }] = await tx.execute<{ id: number }>(sql`select nextval(pg_get_serial_sequence('audit_log', 'id'))::int as id`).then(
    (r) => (Array.isArray(r) ? r : (r as unknown as { rows: { id: number }[] }).rows),
  );
  // Round-trip through JSON so the hashed content equals what jsonb returns when verifying.
  const before = entry.before === undefined ? null : JSON.parse(JSON.stringify(entry.before));
  const after = entry.after === undefined ? null : JSON.parse(JSON.stringify(entry.after));
  const content = {
    id,
    at: now.toISOString(),
    userId: entry.userId ?? null,
    username: entry.username ?? null,
    role: entry.role ?? null,
    institutionId: entry.institutionId ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    before,
    after,
    ip: entry.ip ?? null,
    correlationId: entry.correlationId ?? null,
  };
  const hash = auditRowHash(prevHash, content);
  await tx.insert(auditLog).values({ ...content, at: now, prevHash, hash });
}
