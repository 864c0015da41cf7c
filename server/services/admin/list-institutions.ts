import "server-only";
import { getDb } from "@/db/client";
import { listInstitutionTree } from "@/server/data/admin-institutions";
import { listParameterRows } from "@/server/data/admin-parameters";
import { listActiveCodes } from "@/server/data/admin-code-lists";
import { PARAMETER_DEFS, pathIds, resolveParameter } from "@/server/domain/admin/parameters";

/**
 * The institution tree for the admin screen: every node with its head counts and its effective escalation
 * grade (own, inherited from an ancestor, or the global default), plus the regions for the edit form.
 */
export async function listInstitutionsForAdmin() {
  const db = getDb();
  const [nodes, params, regions] = await Promise.all([listInstitutionTree(db), listParameterRows(db, ["escalation.grade"]), listActiveCodes(db, "region")]);
  const values = new Map<number | null, string>(params.map((p) => [p.institutionId, p.value as string]));
  return {
    nodes: nodes.map((n) => {
      const eff = resolveParameter(pathIds(n.path), values, PARAMETER_DEFS["escalation.grade"].fallback as string);
      return { ...n, escalationGrade: eff.value, escalationSource: eff.source };
    }),
    regions,
  };
}
