import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { deactivationFacts, findInstitution, lockInstitution, lockInstitutionTree, setInstitutionActive as writeActive } from "@/server/data/admin-institutions";
import { checkDeactivation, checkReactivation } from "@/server/domain/admin/institutions";
import { DomainError } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

/** Deactivates (when nothing still works there) or reactivates an institution; history stays attached. */
export async function setInstitutionActive(ctx: AdminContext, v: { id: number; active: boolean }) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    await lockInstitutionTree(tx);
    const node = await lockInstitution(tx, v.id);
    if (!node) throw new DomainError("NOT_FOUND");
    if (node.active === v.active) return { changed: false };
    if (v.active) {
      checkReactivation(node.parentId === null ? null : await findInstitution(tx, node.parentId), node.parentId === null);
    } else {
      checkDeactivation({ isRoot: node.parentId === null, ...(await deactivationFacts(tx, node.id)) });
    }
    await writeActive(tx, node.id, v.active, now);
    await appendAudit(
      tx,
      auditBy(ctx, {
        action: v.active ? "admin.institution.reactivate" : "admin.institution.deactivate",
        entityType: "institution",
        entityId: String(node.id),
        before: { code: node.code, active: node.active },
        after: { code: node.code, active: v.active },
      }),
      now,
    );
    return { changed: true };
  });
}
