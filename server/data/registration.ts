import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { customers, institutions, users } from "@/db/schema";

export async function findTakenIdentity(db: Queryable, v: { username: string; email: string; creditCode?: string; idNumberHash?: string }) {
  const [u] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${v.username.toLowerCase()}`).limit(1);
  const [e] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${v.email.toLowerCase()}`).limit(1);
  const [c] = v.creditCode
    ? await db.select({ id: customers.id }).from(customers).where(eq(customers.creditCode, v.creditCode)).limit(1)
    : [];
  const [i] = v.idNumberHash
    ? await db.select({ id: customers.id }).from(customers).where(eq(customers.idNumberHash, v.idNumberHash)).limit(1)
    : [];
  return { username: Boolean(u), email: Boolean(e), creditCode: Boolean(c), idNumber: Boolean(i) };
}

/** Active branches and sub-branches an applicant may choose as the handling institution. */
export async function listHandlingInstitutions(db: Queryable) {
  return db
    .select({ id: institutions.id, code: institutions.code, nameZh: institutions.nameZh, nameEn: institutions.nameEn, level: institutions.level })
    .from(institutions)
    .where(and(eq(institutions.active, true), inArray(institutions.level, [1, 2])))
    .orderBy(institutions.path);
}

export async function findActiveInstitution(db: Queryable, id: number) {
  const [row] = await db.select({ id: institutions.id, level: institutions.level, regionCode: institutions.regionCode }).from(institutions).where(and(eq(institutions.id, id), eq(institutions.active, true))).limit(1);
  return row;
}
