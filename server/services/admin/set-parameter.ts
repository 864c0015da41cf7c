import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { deleteParameter, lockParameter, upsertParameter } from "@/server/data/admin-parameters";
import { findInstitution } from "@/server/data/admin-institutions";
import { isParameterKey, validateParameter } from "@/server/domain/admin/parameters";
import { DomainError } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

/**
 * Sets a parameter globally (institution null) or for one institution (only keys inherited down the tree).
 * The value is validated for its key; the audit row carries the value before and after.
 */
export async function setParameter(ctx: AdminContext, v: { key: string; institutionId: number | null; value: unknown }) {
  const now = ctx.now ?? new Date();
  const valid = validateParameter(v.key, v.value, v.institutionId);
  return getDb().transaction(async (tx) => {
    if (v.institutionId !== null && !(await findInstitution(tx, v.institutionId))) {
      throw new DomainError("VALIDATION", "institution", { fields: [{ path: "institutionId", message: "admin.validation.institution" }] });
    }
    const before = await lockParameter(tx, valid.key, v.institutionId);
    if (before && JSON.stringify(before.value) === JSON.stringify(valid.value)) return { changed: false };
    await upsertParameter(tx, { key: valid.key, institutionId: v.institutionId, value: valid.value, userId: ctx.actor.id, now });
    await appendAudit(
      tx,
      auditBy(ctx, {
        action: "admin.parameter.set",
        entityType: "parameter",
        entityId: v.institutionId === null ? valid.key : `${valid.key}@${v.institutionId}`,
        before: { value: before?.value ?? null },
        after: { value: valid.value },
      }),
      now,
    );
    return { changed: true };
  });
}

/** Removes an institution's own value, so it inherits again from its parent (or the global value). */
export async function clearParameter(ctx: AdminContext, v: { key: string; institutionId: number }) {
  const now = ctx.now ?? new Date();
  if (!isParameterKey(v.key)) throw new DomainError("VALIDATION", "unknown parameter", { fields: [{ path: "key", message: "validation.invalid" }] });
  return getDb().transaction(async (tx) => {
    const before = await lockParameter(tx, v.key, v.institutionId);
    if (!before) return { changed: false };
    await deleteParameter(tx, v.key, v.institutionId);
    await appendAudit(
      tx,
      auditBy(ctx, { action: "admin.parameter.clear", entityType: "parameter", entityId: `${v.key}@${v.institutionId}`, before: { value: before.value }, after: { value: null, inherited: true } }),
      now,
    );
    return { changed: true };
  });
}
