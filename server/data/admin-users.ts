import "server-only";
import { and, asc, count, desc, eq, ilike, isNotNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { institutions, users } from "@/db/schema";
import type { Role } from "@/server/domain/authz/roles";

export type UserSortKey = "username" | "displayName" | "role" | "institution" | "status" | "lastLogin" | "createdAt";
const SORT_COLUMNS: Record<UserSortKey, SQL | AnyPgColumn> = {
  username: sql`lower(${users.username})`,
  displayName: users.displayName,
  role: sql`${users.role}::text`,
  institution: institutions.code,
  status: sql`${users.status}::text`,
  lastLogin: users.lastLoginAt,
  createdAt: users.createdAt,
};

export interface UserListFilter {
  q?: string;
  role?: Role;
  institutionId?: number;
  status?: "active" | "inactive" | "locked";
  sort: UserSortKey;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
}

function likeEscaped(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Never selects the password hash. */
const listColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  role: users.role,
  status: users.status,
  lockedAt: users.lockedAt,
  failedLoginCount: users.failedLoginCount,
  institutionId: users.institutionId,
  institutionCode: institutions.code,
  institutionNameZh: institutions.nameZh,
  institutionNameEn: institutions.nameEn,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

export async function listUsers(db: Queryable, f: UserListFilter) {
  const conditions: SQL[] = [];
  if (f.q) {
    const like = likeEscaped(f.q);
    conditions.push(or(ilike(users.username, like), ilike(users.displayName, like), ilike(users.email, like))!);
  }
  if (f.role) conditions.push(eq(users.role, f.role));
  if (f.institutionId) conditions.push(eq(users.institutionId, f.institutionId));
  if (f.status === "locked") conditions.push(isNotNull(users.lockedAt));
  else if (f.status) conditions.push(eq(users.status, f.status));
  const where = conditions.length ? and(...conditions) : undefined;
  const order = f.dir === "asc" ? asc(SORT_COLUMNS[f.sort]) : desc(SORT_COLUMNS[f.sort]);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(listColumns)
      .from(users)
      .leftJoin(institutions, eq(institutions.id, users.institutionId))
      .where(where)
      .orderBy(sql`${order} nulls last`, asc(users.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total };
}

export async function findUserDetail(db: Queryable, id: string) {
  const [row] = await db
    .select({ ...listColumns, phone: users.phone, locale: users.locale, passwordChangedAt: users.passwordChangedAt, updatedAt: users.updatedAt, sessionVersion: users.sessionVersion })
    .from(users)
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

/** The user as it stands, locked until the end of the transaction (two admins editing one user queue up). */
export async function lockUser(tx: Queryable, id: string) {
  const [row] = await tx
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      email: users.email,
      phone: users.phone,
      locale: users.locale,
      role: users.role,
      status: users.status,
      institutionId: users.institutionId,
      lockedAt: users.lockedAt,
      failedLoginCount: users.failedLoginCount,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, id))
    .for("update");
  return row;
}

/**
 * Ids of the active admins, locked: two admins demoting each other at the same moment are serialised here,
 * so the second sees the first's change and the last admin survives.
 */
export async function lockActiveAdminIds(tx: Queryable): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.status, "active")))
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((r) => r.id);
}

export async function findTakenUserFields(db: Queryable, v: { username?: string; email?: string }, exceptId?: string) {
  const not = exceptId ? ne(users.id, exceptId) : undefined;
  const [u] = v.username ? await db.select({ id: users.id }).from(users).where(and(sql`lower(${users.username}) = ${v.username.toLowerCase()}`, not)).limit(1) : [];
  const [e] = v.email ? await db.select({ id: users.id }).from(users).where(and(sql`lower(${users.email}) = ${v.email.toLowerCase()}`, not)).limit(1) : [];
  return { username: Boolean(u), email: Boolean(e) };
}

export async function insertUser(
  tx: Queryable,
  v: { username: string; displayName: string; email: string; phone: string | null; role: Role; institutionId: number; locale: "zh" | "en"; passwordHash: string; now: Date },
) {
  const [row] = await tx
    .insert(users)
    .values({
      username: v.username,
      displayName: v.displayName,
      email: v.email.toLowerCase(),
      phone: v.phone,
      role: v.role,
      institutionId: v.institutionId,
      locale: v.locale,
      passwordHash: v.passwordHash,
      passwordChangedAt: v.now,
      createdAt: v.now,
      updatedAt: v.now,
    })
    .returning({ id: users.id });
  return row.id;
}

/** Named columns only (never a spread of client input); `endSessions` bumps the session version. */
export interface UserPatch {
  displayName?: string;
  email?: string;
  phone?: string | null;
  locale?: "zh" | "en";
  role?: Role;
  institutionId?: number;
  status?: "active" | "inactive";
  passwordHash?: string;
  unlock?: boolean;
}

export async function updateUser(tx: Queryable, id: string, p: UserPatch, opts: { endSessions: boolean; now: Date }) {
  await tx
    .update(users)
    .set({
      ...(p.displayName !== undefined ? { displayName: p.displayName } : {}),
      ...(p.email !== undefined ? { email: p.email.toLowerCase() } : {}),
      ...(p.phone !== undefined ? { phone: p.phone } : {}),
      ...(p.locale !== undefined ? { locale: p.locale } : {}),
      ...(p.role !== undefined ? { role: p.role } : {}),
      ...(p.institutionId !== undefined ? { institutionId: p.institutionId } : {}),
      ...(p.status !== undefined ? { status: p.status } : {}),
      ...(p.passwordHash !== undefined ? { passwordHash: p.passwordHash, passwordChangedAt: opts.now } : {}),
      ...(p.unlock ? { lockedAt: null, failedLoginCount: 0 } : {}),
      ...(opts.endSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      updatedAt: opts.now,
    })
    .where(eq(users.id, id));
}
