import "server-only";
import { getDb } from "@/db/client";
import { listActiveInstitutions } from "@/server/data/admin-institutions";
import { treeOrder } from "@/server/domain/admin/institutions";

/** Active institutions in tree order; an active one below an inactive parent is listed at the top level. */
export async function listActiveInstitutionsForAdmin() {
  return treeOrder(await listActiveInstitutions(getDb()));
}
