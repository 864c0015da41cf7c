import "server-only";
import { getDb } from "@/db/client";
import { adminOverview } from "@/server/data/admin-overview";
import { permissionProcedure, router } from "../trpc";

export const adminRouter = router({
  overview: permissionProcedure("admin.access").query(() => adminOverview(getDb())),
});
