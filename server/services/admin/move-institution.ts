import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { findInstitution, lockInstitution, lockInstitutionTree, moveSubtree, subtreeDepth } from "@/server/data/admin-institutions";
import { planMove, type moveInstitutionInput } from "@/server/domain/admin/institutions";
import { DomainError } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

/**
 * Re-parents an institution with its whole subtree in one transaction: the materialized paths and levels of
 * every descendant and the denormalised paths on their ratings are rewritten together, so scope checks never
 * see a half-moved tree. Users and customers keep their institution id, hence their place in the subtree.
 */
export async function moveInstitution(ctx: AdminContext, v: z.output<typeof moveInstitutionInput>) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    await lockInstitutionTree(tx);
    const node = await lockInstitution(tx, v.id);
    if (!node) throw new DomainError("NOT_FOUND");
    const parent = await findInstitution(tx, v.parentId);
    if (!parent) throw new DomainError("VALIDATION", "parent", { fields: [{ path: "parentId", message: "admin.validation.parent" }] });
    if (node.parentId === parent.id) return { changed: false, institutions: 0, ratings: 0 };
    const plan = planMove(node, parent, await subtreeDepth(tx, node.path, node.level));
    const touched = await moveSubtree(tx, node.id, parent.id, plan, now);
    const oldParent = node.parentId === null ? null : await findInstitution(tx, node.parentId);
    await appendAudit(
      tx,
      auditBy(ctx, {
        action: "admin.institution.move",
        entityType: "institution",
        entityId: String(node.id),
        before: { parentId: node.parentId, parentCode: oldParent?.code ?? null, path: plan.oldPrefix, level: node.level },
        after: { parentId: parent.id, parentCode: parent.code, path: plan.newPrefix, level: node.level + plan.levelDelta, institutionsMoved: touched.institutions, ratingsRepathed: touched.ratings },
      }),
      now,
    );
    return { changed: true, ...touched };
  });
}
