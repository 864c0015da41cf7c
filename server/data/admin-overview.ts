import "server-only";
import { asc, count, desc, isNotNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditLog, institutions, modelVersions, users } from "@/db/schema";

export async function adminOverview(db: Queryable) {
  const [tree, [userCounts], recent, [versions]] = await Promise.all([
    db.select({ id: institutions.id, code: institutions.code, nameZh: institutions.nameZh, nameEn: institutions.nameEn, level: institutions.level, active: institutions.active, parentId: institutions.parentId }).from(institutions).orderBy(asc(institutions.path)),
    db.select({ total: count(), active: sql<number>`count(*) filter (where ${users.status} = 'active')::int`, locked: sql<number>`count(*) filter (where ${users.lockedAt} is not null)::int` }).from(users),
    db.select({ id: auditLog.id, at: auditLog.at, username: auditLog.username, action: auditLog.action, entityType: auditLog.entityType }).from(auditLog).orderBy(desc(auditLog.id)).limit(10),
    db.select({ n: count() }).from(modelVersions).where(isNotNull(modelVersions.publishedAt)),
  ]);
  const usersPerInstitution = await db.select({ institutionId: users.institutionId, n: count() }).from(users).groupBy(users.institutionId);
  const perInst = new Map(usersPerInstitution.map((r) => [r.institutionId, r.n]));
  return {
    tree: tree.map((i) => ({ ...i, users: perInst.get(i.id) ?? 0 })),
    users: userCounts,
    recentAudit: recent,
    publishedModelVersions: versions.n,
  };
}

