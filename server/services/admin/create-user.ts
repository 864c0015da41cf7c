import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { findTakenUserFields, insertUser } from "@/server/data/admin-users";
import { findInstitutionForShare } from "@/server/data/admin-institutions";
import { violatedConstraint } from "@/server/data/pg-errors";
import { hashPassword } from "@/server/auth/password";
import type { createUserInput } from "@/server/domain/admin/users";
import { DomainError, type FieldIssue } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

const UNIQUE_FIELDS: Record<string, FieldIssue> = {
  users_username_uq: { path: "username", message: "validation.usernameTaken" },
  users_email_uq: { path: "email", message: "validation.emailTaken" },
};

/** Creates a staff user with an initial password (policy checked by the input schema). */
export async function createUser(ctx: AdminContext, v: z.output<typeof createUserInput>) {
  const now = ctx.now ?? new Date();
  const passwordHash = await hashPassword(v.password);
  try {
    return await getDb().transaction(async (tx) => {
      const fields: FieldIssue[] = [];
      const taken = await findTakenUserFields(tx, { username: v.username, email: v.email });
      if (taken.username) fields.push(UNIQUE_FIELDS.users_username_uq);
      if (taken.email) fields.push(UNIQUE_FIELDS.users_email_uq);
      const institution = await findInstitutionForShare(tx, v.institutionId);
      if (!institution || !institution.active) fields.push({ path: "institutionId", message: "admin.validation.institution" });
      if (fields.length) throw new DomainError("VALIDATION", "create user", { fields });

      const id = await insertUser(tx, { ...v, passwordHash, now });
      await appendAudit(
        tx,
        auditBy(ctx, {
          action: "admin.user.create",
          entityType: "user",
          entityId: id,
          after: { username: v.username, displayName: v.displayName, email: v.email.toLowerCase(), phone: v.phone, role: v.role, institutionId: v.institutionId, institutionCode: institution!.code, locale: v.locale, status: "active" },
        }),
        now,
      );
      return { id };
    });
  } catch (e) {
    const field = UNIQUE_FIELDS[violatedConstraint(e) ?? ""];
    if (field) throw new DomainError("VALIDATION", "create user", { fields: [field] });
    throw e;
  }
}
