import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { lockUser, updateUser } from "@/server/data/admin-users";
import { DomainError } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

/** Clears a lockout after too many failed sign-ins (lockedAt and the failure count). */
export async function unlockUser(ctx: AdminContext, v: { id: string }) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const before = await lockUser(tx, v.id);
    if (!before) throw new DomainError("NOT_FOUND");
    if (!before.lockedAt && before.failedLoginCount === 0) return { changed: false };
    await updateUser(tx, v.id, { unlock: true }, { endSessions: false, now });
    await appendAudit(
      tx,
      auditBy(ctx, {
        action: "admin.user.unlock",
        entityType: "user",
        entityId: v.id,
        before: { lockedAt: before.lockedAt?.toISOString() ?? null, failedLoginCount: before.failedLoginCount },
        after: { lockedAt: null, failedLoginCount: 0 },
      }),
      now,
    );
    return { changed: true };
  });
}
