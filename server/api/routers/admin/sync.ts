import "server-only";
import { z } from "zod";
import { startSync } from "@/server/services/sync/start-sync";
import { getSyncRuns, getSyncStatus, listSyncRunsInput } from "@/server/services/sync/sync-runs";
import { permissionProcedure, router } from "../../trpc";

const p = permissionProcedure("admin.sync");

export const adminSyncRouter = router({
  status: p.query(() => getSyncStatus()),
  list: p.input(listSyncRunsInput).query(({ input }) => getSyncRuns(input)),
  start: p.input(z.object({ mode: z.enum(["full", "incremental"]) })).mutation(({ ctx, input }) =>
    startSync({
      mode: input.mode,
      trigger: "admin",
      actor: { userId: ctx.user.id, username: ctx.user.username, role: ctx.user.role, institutionId: ctx.user.institutionId, ip: ctx.ip },
    }),),
});
