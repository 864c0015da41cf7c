import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { findInstitution, insertInstitution, institutionCodeTaken, lockInstitutionTree, regionExists } from "@/server/data/admin-institutions";
import { violatedConstraint } from "@/server/data/pg-errors";
import { checkNewChild, type createInstitutionInput } from "@/server/domain/admin/institutions";
import { DomainError, type FieldIssue } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";

export const CODE_TAKEN: FieldIssue = { path: "code", message: "admin.institutions.error.codeTaken" };

export async function createInstitution(ctx: AdminContext, v: z.output<typeof createInstitutionInput>) {
  const now = ctx.now ?? new Date();
  try {
    return await getDb().transaction(async (tx) => {
      await lockInstitutionTree(tx);
      const fields: FieldIssue[] = [];
      if (await institutionCodeTaken(tx, v.code)) fields.push(CODE_TAKEN);
      if (!(await regionExists(tx, v.regionCode))) fields.push({ path: "regionCode", message: "admin.validation.region" });
      const parent = await findInstitution(tx, v.parentId);
      try {
        checkNewChild(parent);
      } catch (e) {
        if (e instanceof DomainError) fields.push(...e.fields);
        else throw e;
      }
      if (fields.length) throw new DomainError("VALIDATION", "create institution", { fields });
      const id = await insertInstitution(tx, { ...v, parentPath: parent!.path, level: parent!.level + 1, now });
      await appendAudit(
        tx,
        auditBy(ctx, {
          action: "admin.institution.create",
          entityType: "institution",
          entityId: String(id),
          after: { code: v.code, nameZh: v.nameZh, nameEn: v.nameEn, regionCode: v.regionCode, parentId: v.parentId, parentCode: parent!.code, path: `${parent!.path}${id}/`, level: parent!.level + 1 },
        }),
        now,
      );
      return { id };
    });
  } catch (e) {
    if (violatedConstraint(e) === "institutions_code_unique") throw new DomainError("VALIDATION", "code taken", { fields: [CODE_TAKEN] });
    throw e;
  }
}
