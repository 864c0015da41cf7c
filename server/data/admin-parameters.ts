import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { parameters, users } from "@/db/schema";

/** Every row of the given keys (global and per institution), with who changed it last. */
export async function listParameterRows(db: Queryable, keys: readonly string[]) {
  return db
    .select({
      key: parameters.key,
      institutionId: parameters.institutionId,
      value: parameters.value,
      updatedAt: parameters.updatedAt,
      updatedBy: users.username,
    })
    .from(parameters)
    .leftJoin(users, eq(users.id, parameters.updatedBy))
    .where(inArray(parameters.key, [...keys]))
    .orderBy(asc(parameters.key), asc(parameters.institutionId));
}

function keyCondition(key: string, institutionId: number | null) {
  return and(eq(parameters.key, key), institutionId === null ? isNull(parameters.institutionId) : eq(parameters.institutionId, institutionId));
}

export async function lockParameter(tx: Queryable, key: string, institutionId: number | null) {
  const [row] = await tx.select({ id: parameters.id, value: parameters.value }).from(parameters).where(keyCondition(key, institutionId)).for("update");
  return row;
}

/** Insert or update; the unique key (key, institution, nulls not distinct) makes racing inserts meet here. */
export async function upsertParameter(tx: Queryable, v: { key: string; institutionId: number | null; value: unknown; userId: string; now: Date }) {
  await tx
    .insert(parameters)
    .values({ key: v.key, institutionId: v.institutionId, value: v.value, updatedBy: v.userId, updatedAt: v.now })
    .onConflictDoUpdate({ target: [parameters.key, parameters.institutionId], set: { value: v.value, updatedBy: v.userId, updatedAt: v.now } });
}

export async function deleteParameter(tx: Queryable, key: string, institutionId: number) {
  const rows = await tx.delete(parameters).where(keyCondition(key, institutionId)).returning({ id: parameters.id });
  return rows.length;
}
