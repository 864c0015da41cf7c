import "server-only";
import { listAuditInput } from "@/server/domain/audit/audit-query";
import { getAuditFacets, listAuditForAdmin } from "@/server/services/admin/list-audit";
import { permissionProcedure, router } from "../../trpc";

const p = permissionProcedure("admin.audit");

/** Reading only: the log is append-only; exports and verification are route handlers (streams). */
export const adminAuditRouter = router({
  list: p.input(listAuditInput).query(({ input }) => listAuditForAdmin(input)),
  facets: p.query(() => getAuditFacets()),
});
