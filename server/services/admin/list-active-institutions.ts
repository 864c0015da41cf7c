import "server-only";
import { getDb } from "@/db/client";
import { listActiveInstitutions } from "@/server/data/admin-institutions";

export async function listActiveInstitutionsForAdmin() {
  return listActiveInstitutions(getDb());
}
