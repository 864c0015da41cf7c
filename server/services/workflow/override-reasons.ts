import "server-only";
import { getDb, type Queryable } from "@/db/client";
import { listActiveCodes } from "@/server/data/admin-code-lists";
import { DomainError } from "@/server/domain/errors";

/** The active override reasons (admin › code lists), for the grade-adjustment pickers. */
export async function listOverrideReasons() {
  return (await listActiveCodes(getDb(), "override_reason")).map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn }));
}

/** A grade adjustment must name an active override reason; `path` is the form field the error belongs to. */
export async function assertOverrideReason(db: Queryable, code: string, path: string) {
  const active = await listActiveCodes(db, "override_reason");
  if (!active.some((c) => c.code === code)) throw new DomainError("VALIDATION", "unknown override reason", { fields: [{ path, message: "workflow.invalidReasonCode" }] });
}
