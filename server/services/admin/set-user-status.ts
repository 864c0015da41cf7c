import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { lockActiveAdminIds, lockUser, updateUser } from "@/server/data/admin-users";
import { findInstitutionForShare } from "@/server/data/admin-institutions";
import { checkUserChange } from "@/server/domain/admin/users";
import { DomainError } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

/** Deactivates (ending open sessions at the next request) or reactivates a user. */
export async function setUserStatus(ctx: AdminContext, v: { id: string; status: "active" | "inactive" }) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const admins = await lockActiveAdminIds(tx);
    // The permission was checked when the request began; an admin demoted meanwhile acts no more.
    if (!admins.includes(ctx.actor.id)) throw new DomainError("FORBIDDEN");
    const before = await lockUser(tx, v.id);
    if (!before) throw new DomainError("NOT_FOUND");
    if (before.status === v.status) return { changed: false };
    checkUserChange(ctx.actor.id, before, { status: v.status }, admins);
    if (v.status === "active" && before.institutionId !== null) {
      const institution = await findInstitutionForShare(tx, before.institutionId);
      if (!institution?.active) throw new DomainError("VALIDATION", "institution inactive", { fields: [{ path: "status", message: "admin.users.error.institutionInactive" }] });
    }
    await updateUser(tx, v.id, { status: v.status }, { endSessions: true, now });
    await appendAudit(
      tx,
      auditBy(ctx, {
        action: v.status === "active" ? "admin.user.reactivate" : "admin.user.deactivate",
        entityType: "user",
        entityId: v.id,
        before: { status: before.status, sessionVersion: before.sessionVersion },
        after: { status: v.status, sessionVersion: before.sessionVersion + 1 },
      }),
      now,
    );
    return { changed: true };
  });
}
