import "server-only";
import { z } from "zod";
import { listParameters } from "@/server/services/admin/list-parameters";
import { clearParameter, setParameter } from "@/server/services/admin/set-parameter";
import { listEscalationThresholds } from "@/server/services/admin/list-escalation-thresholds";
import { permissionProcedure, router } from "../../trpc";

const p = permissionProcedure("admin.parameters");

export const adminParametersRouter = router({
  list: p.query(() => listParameters()),
  thresholds: p.query(() => listEscalationThresholds()),
  /** The value is validated per key by the service (server/domain/admin/parameters.ts). */
  set: p
    .input(z.object({ key: z.string().max(100), institutionId: z.number().int().positive().nullable().default(null), value: z.unknown() }))
    .mutation(({ ctx, input }) => setParameter({ actor: ctx.user, ip: ctx.ip }, input)),
  clear: p
    .input(z.object({ key: z.string().max(100), institutionId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => clearParameter({ actor: ctx.user, ip: ctx.ip }, input)),
});
