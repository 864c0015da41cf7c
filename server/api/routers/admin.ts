import "server-only";
import { getDb } from "@/db/client";
import { adminOverview } from "@/server/data/admin-overview";
import { permissionProcedure, router } from "../trpc";
import { adminUsersRouter } from "./admin/users";
import { adminInstitutionsRouter } from "./admin/institutions";
import { adminCodeListsRouter } from "./admin/code-lists";
import { adminParametersRouter } from "./admin/parameters";
import { adminAuditRouter } from "./admin/audit";
import { adminModelsRouter } from "./admin/models";
import { adminSyncRouter } from "./admin/sync";

export const adminRouter = router({
  overview: permissionProcedure("admin.access").query(() => adminOverview(getDb())),
  users: adminUsersRouter,
  institutions: adminInstitutionsRouter,
  codeLists: adminCodeListsRouter,
  parameters: adminParametersRouter,
  audit: adminAuditRouter,
  models: adminModelsRouter,
  sync: adminSyncRouter,
});
