import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { institutions, users } from "@/db/schema";
import type { Role } from "@/server/domain/authz/roles";

export interface SessionUserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  status: "active" | "inactive";
  locale: "zh" | "en";
  institutionId: number | null;
  institutionPath: string | null;
  institutionCode: string | null;
  institutionNameZh: string | null;
  institutionNameEn: string | null;
  sessionVersion: number;
  lockedAt: Date | null;
}

const sessionColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  status: users.status,
  locale: users.locale,
  institutionId: users.institutionId,
  institutionPath: institutions.path,
  institutionCode: institutions.code,
  institutionNameZh: institutions.nameZh,
  institutionNameEn: institutions.nameEn,
  sessionVersion: users.sessionVersion,
  lockedAt: users.lockedAt,
};

export async function findSessionUser(db: Queryable, userId: string): Promise<SessionUserRow | undefined> {
  const [row] = await db
    .select(sessionColumns)
    .from(users)
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}

export async function findLoginUser(db: Queryable, login: string) {
  const key = login.trim().toLowerCase();
  const [row] = await db
    .select({ ...sessionColumns, passwordHash: users.passwordHash, failedLoginCount: users.failedLoginCount })
    .from(users)
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(or(sql`lower(${users.username}) = ${key}`, sql`lower(${users.email}) = ${key}`))
    .limit(1);
  return row;
}

/** Atomic increment; returns the new count and whether this failure locked the account. */
export async function recordFailedLogin(db: Queryable, userId: string, maxFailures: number, now: Date) {
  const [row] = await db
    .update(users)
    .set({
      failedLoginCount: sql`${users.failedLoginCount} + 1`,
      lockedAt: sql`case when ${users.failedLoginCount} + 1 >= ${maxFailures} then coalesce(${users.lockedAt}, ${now.toISOString()}::timestamptz) else ${users.lockedAt} end`,
      updatedAt: now,
    })
    .where(eq(users.id, userId))
    .returning({ failedLoginCount: users.failedLoginCount, lockedAt: users.lockedAt });
  return row;
}

export async function recordSuccessfulLogin(db: Queryable, userId: string, now: Date) {
  await db.update(users).set({ failedLoginCount: 0, lastLoginAt: now }).where(and(eq(users.id, userId)));
}

export async function setUserLocale(db: Queryable, userId: string, locale: "zh" | "en") {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
