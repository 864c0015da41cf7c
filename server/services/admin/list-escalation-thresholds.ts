import "server-only";
import { getDb } from "@/db/client";
import { listParameterRows } from "@/server/data/admin-parameters";
import { PARAMETER_DEFS, pathIds, resolveParameter } from "@/server/domain/admin/parameters";
import { treeOrder } from "@/server/domain/admin/institutions";
import { listInstitutionTree } from "@/server/data/admin-institutions";

/**
 * The escalation grade of every institution: its own setting (if any) and the effective value with where it
 * comes from (own, an ancestor, the global value, the built-in default), as getParameter resolves it.
 */
export async function listEscalationThresholds() {
  const db = getDb();
  const [nodes, rows] = await Promise.all([listInstitutionTree(db), listParameterRows(db, ["escalation.grade"])]);
  const values = new Map<number | null, string>(rows.map((r) => [r.institutionId, r.value as string]));
  const fallback = PARAMETER_DEFS["escalation.grade"].fallback as string;
  return treeOrder(nodes).map((n) => {
    const eff = resolveParameter(pathIds(n.path), values, fallback);
    const own = rows.find((r) => r.institutionId === n.id);
    return {
      id: n.id,
      code: n.code,
      nameZh: n.nameZh,
      nameEn: n.nameEn,
      parentId: n.parentId,
      level: n.level,
      active: n.active,
      own: (own?.value as string | undefined) ?? null,
      ownUpdatedBy: own?.updatedBy ?? null,
      effective: eff.value,
      source: eff.source,
    };
  });
}

