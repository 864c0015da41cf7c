import "server-only";
import { and, asc, count, desc, eq, gt, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { AuditContent } from "@/server/domain/audit/hash-chain";

/** The viewer's filter, already validated and turned into instants by the service. */
export interface AuditQuery {
  user?: string;
  action?: { exact: string } | { prefix: string };
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(q: AuditQuery): SQL[] {
  const c: SQL[] = [];
  if (q.user) c.push(sql`lower(${auditLog.username}) like ${`${escapeLike(q.user.toLowerCase())}%`}`);
  if (q.action) c.push("exact" in q.action ? eq(auditLog.action, q.action.exact) : sql`${auditLog.action} like ${`${escapeLike(q.action.prefix)}%`}`);
  if (q.entityType) c.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) c.push(eq(auditLog.entityId, q.entityId));
  if (q.from) c.push(gte(auditLog.at, q.from));
  if (q.to) c.push(lt(auditLog.at, q.to));
  return c;
}

const rowColumns = {
  id: auditLog.id,
  at: auditLog.at,
  userId: auditLog.userId,
  username: auditLog.username,
  role: auditLog.role,
  institutionId: auditLog.institutionId,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
  ip: auditLog.ip,
  correlationId: auditLog.correlationId,
  prevHash: auditLog.prevHash,
  hash: auditLog.hash,
};

export async function listAudit(db: Queryable, q: AuditQuery, page: { dir: "asc" | "desc"; page: number; pageSize: number }) {
  const where = and(...conditions(q));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(rowColumns)
      .from(auditLog)
      .where(where)
      .orderBy(page.dir === "asc" ? asc(auditLog.id) : desc(auditLog.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total };
}

/** One page of the filtered log in id order after `afterId` (keyset paging: constant cost per page at any depth). */
export async function auditPageAfter(db: Queryable, q: AuditQuery, afterId: number, limit: number, upToId?: number) {
  return db
    .select(rowColumns)
    .from(auditLog)
    .where(and(...conditions(q), gt(auditLog.id, afterId), upToId !== undefined ? lte(auditLog.id, upToId) : undefined))
    .orderBy(asc(auditLog.id))
    .limit(limit);
}

export async function countAudit(db: Queryable, q: AuditQuery, upToId?: number): Promise<number> {
  const [{ total }] = await db
    .select({ total: count() })
    .from(auditLog)
    .where(and(...conditions(q), upToId !== undefined ? lte(auditLog.id, upToId) : undefined));
  return total;
}

/** Rows for chain verification, in id order: exactly the hashed content plus the two hashes. */
export async function chainPage(db: Queryable, afterId: number, upToId: number, limit: number): Promise<(AuditContent & { prevHash: string | null; hash: string | null })[]> {
  const rows = await db
    .select(rowColumns)
    .from(auditLog)
    .where(and(gt(auditLog.id, afterId), lte(auditLog.id, upToId)))
    .orderBy(asc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

export async function latestAuditRow(db: Queryable) {
  const [row] = await db.select({ id: auditLog.id, at: auditLog.at, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

/** Distinct actions and entity types, for the filter pickers. */
export async function auditFacets(db: Queryable) {
  const [actions, entityTypes] = await Promise.all([
    db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
    db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType)),
  ]);
  return { actions: actions.map((r) => r.v), entityTypes: entityTypes.map((r) => r.v).filter((v): v is string => v !== null) };
}
