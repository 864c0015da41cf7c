import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { institutionCodeTaken, lockInstitution, regionExists, updateInstitutionFields } from "@/server/data/admin-institutions";
import { violatedConstraint } from "@/server/data/pg-errors";
import type { updateInstitutionInput } from "@/server/domain/admin/institutions";
import { DomainError, type FieldIssue } from "@/server/domain/errors";
import { auditBy, type AdminContext } from "./admin-context";
import { CODE_TAKEN } from "./create-institution";

/** Code, names and region. Customers, users and ratings refer to the id, so a new code loses no link. */
export async function updateInstitution(ctx: AdminContext, v: z.output<typeof updateInstitutionInput>) {
  const now = ctx.now ?? new Date();
  try {
    return await getDb().transaction(async (tx) => {
      const before = await lockInstitution(tx, v.id);
      if (!before) throw new DomainError("NOT_FOUND");
      const fields: FieldIssue[] = [];
      if (await institutionCodeTaken(tx, v.code, v.id)) fields.push(CODE_TAKEN);
      if (v.regionCode !== before.regionCode && !(await regionExists(tx, v.regionCode))) fields.push({ path: "regionCode", message: "admin.validation.region" });
      if (fields.length) throw new DomainError("VALIDATION", "update institution", { fields });
      const pick = (r: { code: string; nameZh: string; nameEn: string; regionCode: string }) => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, regionCode: r.regionCode });
      if (JSON.stringify(pick(before)) === JSON.stringify(pick(v))) return { changed: false };
      await updateInstitutionFields(tx, v.id, { ...v, now });
      await appendAudit(tx, auditBy(ctx, { action: "admin.institution.update", entityType: "institution", entityId: String(v.id), before: pick(before), after: pick(v) }), now);
      return { changed: true };
    });
  } catch (e) {
    if (violatedConstraint(e) === "institutions_code_unique") throw new DomainError("VALIDATION", "code taken", { fields: [CODE_TAKEN] });
    throw e;
  }
}
