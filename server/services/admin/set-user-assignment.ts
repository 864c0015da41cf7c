import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { lockActiveAdminIds, lockUser, updateUser } from "@/server/data/admin-users";
import { findInstitutionForShare } from "@/server/data/admin-institutions";
import { checkUserChange, endsSessions, type setUserAssignmentInput } from "@/server/domain/admin/users";
import { DomainError } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

/** Role and institution. A real change ends the user's open sessions. */
export async function setUserAssignment(ctx: AdminContext, v: z.output<typeof setUserAssignmentInput>) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const admins = await lockActiveAdminIds(tx);
    // The permission was checked when the request began; an admin demoted meanwhile acts no more.
    if (!admins.includes(ctx.actor.id)) throw new DomainError("FORBIDDEN");
    const before = await lockUser(tx, v.id);
    if (!before) throw new DomainError("NOT_FOUND");
    checkUserChange(ctx.actor.id, before, { role: v.role, institutionId: v.institutionId }, admins);
    if (v.institutionId !== before.institutionId) {
      const institution = await findInstitutionForShare(tx, v.institutionId);
      if (!institution || !institution.active) throw new DomainError("VALIDATION", "institution", { fields: [{ path: "institutionId", message: "admin.validation.institution" }] });
    }
    const change = { role: v.role, institutionId: v.institutionId };
    const endSessions = endsSessions(before, change);
    if (!endSessions) return { changed: false };
    await updateUser(tx, v.id, change, { endSessions, now });
    await appendAudit(
      tx,
      auditBy(ctx, {
        action: "admin.user.assign",
        entityType: "user",
        entityId: v.id,
        before: { role: before.role, institutionId: before.institutionId, sessionVersion: before.sessionVersion },
        after: { role: v.role, institutionId: v.institutionId, sessionVersion: before.sessionVersion + 1 },
      }),
      now,
    );
    return { changed: true };
  });
}
