import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { findUserDetail, lockUser, updateUser } from "@/server/data/admin-users";
import { hashPassword } from "@/server/auth/password";
import { resetPasswordProblems } from "@/server/domain/admin/users";
import { DomainError } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

/**
 * Sets a new password chosen by the admin (policy checked against the user's own name), ends the user's open
 * sessions and clears a lockout. The audit row records that it happened, never the password or its hash.
 */
export async function resetUserPassword(ctx: AdminContext, v: { id: string; password: string }) {
  const now = ctx.now ?? new Date();
  const db = getDb();
  // Hashing takes ~30 ms: done before the transaction, so no row lock is held meanwhile.
  const target = await findUserDetail(db, v.id);
  if (!target) throw new DomainError("NOT_FOUND");
  const problems = resetPasswordProblems(v.password, target.username);
  if (problems.length) throw new DomainError("VALIDATION", "password", { fields: problems });
  const passwordHash = await hashPassword(v.password);
  await db.transaction(async (tx) => {
    const before = await lockUser(tx, v.id);
    if (!before) throw new DomainError("NOT_FOUND");
    await updateUser(tx, v.id, { passwordHash, unlock: true }, { endSessions: true, now });
    await appendAudit(
      tx,
      auditBy(ctx, {
        action: "admin.user.reset_password",
        entityType: "user",
        entityId: v.id,
        before: { locked: before.lockedAt !== null, failedLoginCount: before.failedLoginCount, sessionVersion: before.sessionVersion },
        after: { passwordChanged: true, locked: false, failedLoginCount: 0, sessionVersion: before.sessionVersion + 1 },
      }),
      now,
    );
  });
  return { ok: true as const };
}
