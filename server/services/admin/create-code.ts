import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { insertCode, lockCode } from "@/server/data/admin-code-lists";
import { violatedConstraint } from "@/server/data/pg-errors";
import { HIERARCHICAL_LISTS, type createCodeInput } from "@/server/domain/admin/code-lists";
import { DomainError, type FieldIssue } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

const CODE_TAKEN: FieldIssue = { path: "code", message: "admin.codeLists.error.codeTaken" };

export async function createCode(ctx: AdminContext, v: z.output<typeof createCodeInput>) {
  const now = ctx.now ?? new Date();
  try {
    await getDb().transaction(async (tx) => {
      const fields: FieldIssue[] = [];
      if (await lockCode(tx, v.listType, v.code)) fields.push(CODE_TAKEN);
      if (v.parentCode) {
        const parent = HIERARCHICAL_LISTS.includes(v.listType) ? await lockCode(tx, v.listType, v.parentCode) : undefined;
        if (!parent || !parent.active) fields.push({ path: "parentCode", message: "admin.codeLists.error.parent" });
      }
      if (fields.length) throw new DomainError("VALIDATION", "create code", { fields });
      await insertCode(tx, v);
      await appendAudit(
        tx,
        auditBy(ctx, { action: "admin.code.create", entityType: "code_list", entityId: `${v.listType}:${v.code}`, after: { nameZh: v.nameZh, nameEn: v.nameEn, parentCode: v.parentCode, sortOrder: v.sortOrder, active: true } }),
        now,
      );
    });
  } catch (e) {
    if (violatedConstraint(e) === "code_lists_list_type_code_pk") throw new DomainError("VALIDATION", "code taken", { fields: [CODE_TAKEN] });
    throw e;
  }
  return { ok: true as const };
}
