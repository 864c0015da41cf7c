import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { lockCode, updateCode as writeCode } from "@/server/data/admin-code-lists";
import { HIERARCHICAL_LISTS, type updateCodeInput } from "@/server/domain/admin/code-lists";
import { DomainError } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

/** Names, parent and order. The code itself never changes: customers and ratings store it. */
export async function updateCode(ctx: AdminContext, v: z.output<typeof updateCodeInput>) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const before = await lockCode(tx, v.listType, v.code);
    if (!before) throw new DomainError("NOT_FOUND");
    if (v.parentCode && v.parentCode !== before.parentCode) {
      const parent = HIERARCHICAL_LISTS.includes(v.listType) ? await lockCode(tx, v.listType, v.parentCode) : undefined;
      if (!parent || !parent.active) throw new DomainError("VALIDATION", "parent", { fields: [{ path: "parentCode", message: "admin.codeLists.error.parent" }] });
    }
    const pick = (r: { nameZh: string; nameEn: string; parentCode: string | null; sortOrder: number }) => ({ nameZh: r.nameZh, nameEn: r.nameEn, parentCode: r.parentCode, sortOrder: r.sortOrder });
    if (JSON.stringify(pick(before)) === JSON.stringify(pick(v))) return { changed: false };
    await writeCode(tx, v.listType, v.code, v);
    await appendAudit(tx, auditBy(ctx, { action: "admin.code.update", entityType: "code_list", entityId: `${v.listType}:${v.code}`, before: pick(before), after: pick(v) }), now);
    return { changed: true };
  });
}
