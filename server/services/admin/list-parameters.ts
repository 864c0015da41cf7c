import "server-only";
import { getDb } from "@/db/client";
import { listParameterRows } from "@/server/data/admin-parameters";
import { PARAMETER_DEFS, PARAMETER_KEYS } from "@/server/domain/admin/parameters";

/** Global values of every maintained parameter (or the default when unset) with who changed them last. */
export async function listParameters() {
  const rows = await listParameterRows(getDb(), PARAMETER_KEYS);
  return PARAMETER_KEYS.map((key) => {
    const global = rows.find((r) => r.key === key && r.institutionId === null);
    return {
      key,
      scope: PARAMETER_DEFS[key].scope,
      value: (global?.value ?? PARAMETER_DEFS[key].fallback) as unknown,
      isDefault: !global,
      updatedAt: global?.updatedAt ?? null,
      updatedBy: global?.updatedBy ?? null,
      overrides: rows.filter((r) => r.key === key && r.institutionId !== null).map((r) => ({ institutionId: r.institutionId!, value: r.value as unknown, updatedAt: r.updatedAt, updatedBy: r.updatedBy })),
    };
  });
}
