import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { findTakenUserFields, lockUser, updateUser } from "@/server/data/admin-users";
import { violatedConstraint } from "@/server/data/pg-errors";
import type { updateUserProfileInput } from "@/server/domain/admin/users";
import { DomainError } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

/** Name, email, phone and language: nothing that changes what the user may do, so sessions stay. */
export async function updateUserProfile(ctx: AdminContext, v: z.output<typeof updateUserProfileInput>) {
  const now = ctx.now ?? new Date();
  try {
    await getDb().transaction(async (tx) => {
      const before = await lockUser(tx, v.id);
      if (!before) throw new DomainError("NOT_FOUND");
      if ((await findTakenUserFields(tx, { email: v.email }, v.id)).email) {
        throw new DomainError("VALIDATION", "email taken", { fields: [{ path: "email", message: "validation.emailTaken" }] });
      }
      await updateUser(tx, v.id, { displayName: v.displayName, email: v.email, phone: v.phone, locale: v.locale }, { endSessions: false, now });
      await appendAudit(
        tx,
        auditBy(ctx, {
          action: "admin.user.update",
          entityType: "user",
          entityId: v.id,
          before: { displayName: before.displayName, email: before.email, phone: before.phone, locale: before.locale },
          after: { displayName: v.displayName, email: v.email.toLowerCase(), phone: v.phone, locale: v.locale },
        }),
        now,
      );
    });
  } catch (e) {
    if (violatedConstraint(e) === "users_email_uq") throw new DomainError("VALIDATION", "email taken", { fields: [{ path: "email", message: "validation.emailTaken" }] });
    throw e;
  }
  return { ok: true as const };
}
