import "server-only";
import { and, asc, count, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { codeLists, customers, institutions, ratingApplications, ratings, users } from "@/db/schema";
import { withinSubtree } from "./scope";

/** Statuses of an application that is still being worked on (not decided, not withdrawn). */
export const OPEN_APPLICATION_STATUSES = ["draft", "system_rated", "submitted", "in_review", "returned"] as const;

// Moves, creations and (de)activations of institutions run one at a time: two concurrent moves could
// otherwise each pass the cycle check and together build a loop.
const INSTITUTION_TREE_LOCK = 4_207_020;

export async function lockInstitutionTree(tx: Queryable): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${INSTITUTION_TREE_LOCK})`);
}

const nodeColumns = {
  id: institutions.id,
  code: institutions.code,
  nameZh: institutions.nameZh,
  nameEn: institutions.nameEn,
  parentId: institutions.parentId,
  level: institutions.level,
  path: institutions.path,
  regionCode: institutions.regionCode,
  active: institutions.active,
  deactivatedAt: institutions.deactivatedAt,
  updatedAt: institutions.updatedAt,
};

/** The whole tree in path order (parents before children), with head counts per institution. */
export async function listInstitutionTree(db: Queryable) {
  const [nodes, userCounts, customerCounts, openApps] = await Promise.all([
    db.select(nodeColumns).from(institutions).orderBy(asc(institutions.path)),
    db
      .select({ id: users.institutionId, total: count(), active: sql<number>`count(*) filter (where ${users.status} = 'active')::int` })
      .from(users)
      .groupBy(users.institutionId),
    db.select({ id: customers.institutionId, total: count() }).from(customers).groupBy(customers.institutionId),
    db
      .select({ id: ratingApplications.institutionId, total: count() })
      .from(ratingApplications)
      .where(inArray(ratingApplications.status, [...OPEN_APPLICATION_STATUSES]))
      .groupBy(ratingApplications.institutionId),
  ]);
  const u = new Map(userCounts.map((r) => [r.id, r]));
  const c = new Map(customerCounts.map((r) => [r.id, r.total]));
  const a = new Map(openApps.map((r) => [r.id, r.total]));
  return nodes.map((n) => ({
    ...n,
    users: u.get(n.id)?.total ?? 0,
    activeUsers: u.get(n.id)?.active ?? 0,
    customers: c.get(n.id) ?? 0,
    openApplications: a.get(n.id) ?? 0,
  }));
}

export async function findInstitution(db: Queryable, id: number) {
  const [row] = await db.select(nodeColumns).from(institutions).where(eq(institutions.id, id)).limit(1);
  return row;
}

/**
 * The institution, share-locked: a user placed there while an admin deactivates it is serialised with the
 * deactivation (which takes the row FOR UPDATE), so the "no active users" check cannot be raced.
 */
export async function findInstitutionForShare(tx: Queryable, id: number) {
  const [row] = await tx.select(nodeColumns).from(institutions).where(eq(institutions.id, id)).for("share");
  return row;
}

export async function lockInstitution(tx: Queryable, id: number) {
  const [row] = await tx.select(nodeColumns).from(institutions).where(eq(institutions.id, id)).for("update");
  return row;
}

export async function institutionCodeTaken(db: Queryable, code: string, exceptId?: number): Promise<boolean> {
  const [row] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(sql`upper(${institutions.code}) = ${code.toUpperCase()}`, exceptId ? ne(institutions.id, exceptId) : undefined))
    .limit(1);
  return Boolean(row);
}

export async function regionExists(db: Queryable, code: string): Promise<boolean> {
  const [row] = await db
    .select({ code: codeLists.code })
    .from(codeLists)
    .where(and(eq(codeLists.listType, "region"), eq(codeLists.code, code), eq(codeLists.active, true)))
    .limit(1);
  return Boolean(row);
}

/** Inserts with its id known up front, so the materialized path is right from the first write. */
export async function insertInstitution(
  tx: Queryable,
  v: { code: string; nameZh: string; nameEn: string; regionCode: string; parentId: number; parentPath: string; level: number; now: Date },
) {
  const rows = await tx.execute<{ id: number }>(sql`select nextval(pg_get_serial_sequence('institutions', 'id'))::int as id`);
  const [{ id }] = Array.isArray(rows) ? rows : (rows as unknown as { rows: { id: number }[] }).rows;
  await tx.insert(institutions).values({
    id,
    code: v.code,
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    regionCode: v.regionCode,
    parentId: v.parentId,
    level: v.level,
    path: `${v.parentPath}${id}/`,
    createdAt: v.now,
    updatedAt: v.now,
  });
  return id;
}

export async function updateInstitutionFields(tx: Queryable, id: number, v: { code: string; nameZh: string; nameEn: string; regionCode: string; now: Date }) {
  await tx
    .update(institutions)
    .set({ code: v.code, nameZh: v.nameZh, nameEn: v.nameEn, regionCode: v.regionCode, updatedAt: v.now })
    .where(eq(institutions.id, id));
}

/** How many levels the subtree reaches below its root (0 for a leaf). */
export async function subtreeDepth(db: Queryable, path: string, level: number): Promise<number> {
  const [row] = await db.select({ max: sql<number>`max(${institutions.level})::int` }).from(institutions).where(withinSubtree(institutions.path, path));
  return (row?.max ?? level) - level;
}

/**
 * Rewrites the materialized path and level of the moved institution and all its descendants, and the
 * denormalised path on their ratings, in the caller's transaction. Returns the rows touched.
 */
export async function moveSubtree(tx: Queryable, id: number, newParentId: number, plan: { oldPrefix: string; newPrefix: string; levelDelta: number }, now: Date) {
  const cut = plan.oldPrefix.length + 1;
  const moved = await tx
    .update(institutions)
    .set({
      path: sql`${plan.newPrefix} || substr(${institutions.path}, ${cut})`,
      level: sql`${institutions.level} + ${plan.levelDelta}`,
      updatedAt: now,
    })
    .where(withinSubtree(institutions.path, plan.oldPrefix))
    .returning({ id: institutions.id });
  await tx.update(institutions).set({ parentId: newParentId }).where(eq(institutions.id, id));
  const rated = await tx
    .update(ratings)
    .set({ institutionPath: sql`${plan.newPrefix} || substr(${ratings.institutionPath}, ${cut})` })
    .where(withinSubtree(ratings.institutionPath, plan.oldPrefix))
    .returning({ id: ratings.id });
  return { institutions: moved.length, ratings: rated.length };
}

export async function deactivationFacts(db: Queryable, id: number) {
  const [[children], [activeUsers], [openApps]] = await Promise.all([
    db.select({ n: count() }).from(institutions).where(and(eq(institutions.parentId, id), eq(institutions.active, true))),
    db.select({ n: count() }).from(users).where(and(eq(users.institutionId, id), eq(users.status, "active"))),
    db
      .select({ n: count() })
      .from(ratingApplications)
      .where(
        and(
          inArray(ratingApplications.status, [...OPEN_APPLICATION_STATUSES]),
          or(eq(ratingApplications.institutionId, id), eq(ratingApplications.currentInstitutionId, id)),
        ),
      ),
  ]);
  return { activeChildren: children.n, activeUsers: activeUsers.n, openApplications: openApps.n };
}

export async function setInstitutionActive(tx: Queryable, id: number, active: boolean, now: Date) {
  await tx
    .update(institutions)
    .set({ active, deactivatedAt: active ? null : now, updatedAt: now })
    .where(eq(institutions.id, id));
}

/** Active institutions for pickers (user assignment, new parent). */
export async function listActiveInstitutions(db: Queryable) {
  return db
    .select({ id: institutions.id, code: institutions.code, nameZh: institutions.nameZh, nameEn: institutions.nameEn, level: institutions.level, path: institutions.path, parentId: institutions.parentId })
    .from(institutions)
    .where(eq(institutions.active, true))
    .orderBy(asc(institutions.path));
}
