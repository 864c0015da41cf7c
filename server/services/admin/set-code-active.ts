import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { lockCode, setCodeActive as writeActive } from "@/server/data/admin-code-lists";
import type { CodeListType } from "@/server/domain/admin/code-lists";
import { DomainError } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

/**
 * Deactivating hides a code from new entries; records that already use it keep it and still show its name
 * (codes are never deleted).
 */
export async function setCodeActive(ctx: AdminContext, v: { listType: CodeListType; code: string; active: boolean }) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const before = await lockCode(tx, v.listType, v.code);
    if (!before) throw new DomainError("NOT_FOUND");
    if (before.active === v.active) return { changed: false };
    await writeActive(tx, v.listType, v.code, v.active);
    await appendAudit(
      tx,
      auditBy(ctx, { action: v.active ? "admin.code.reactivate" : "admin.code.deactivate", entityType: "code_list", entityId: `${v.listType}:${v.code}`, before: { active: before.active }, after: { active: v.active } }),
      now,
    );
    return { changed: true };
  });
}
