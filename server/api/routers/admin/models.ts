import "server-only";
import { z } from "zod";
import { diffModelVersions, getModelVersion, listModels } from "@/server/services/admin/models/queries";
import { createModelDraft, discardModelDraft, saveModelDraft } from "@/server/services/admin/models/draft";
import { publishModelVersion, retireModelVersion } from "@/server/services/admin/models/lifecycle";
import { previewModelImpact } from "@/server/services/admin/models/impact";
import { getRerating, listReratings, resumeRerating, startRerating } from "@/server/services/admin/models/rerating";
import { permissionProcedure, router } from "../../trpc";

const p = permissionProcedure("admin.models");
const id = z.object({ id: z.number().int().positive() });

export const adminModelsRouter = router({
  list: p.query(() => listModels()),
  get: p.input(id).query(({ ctx, input }) => getModelVersion({ actor: ctx.user, ip: ctx.ip }, input.id)),
  diff: p.input(z.object({ beforeId: z.number().int().positive(), afterId: z.number().int().positive() })).query(({ input }) => diffModelVersions(input.beforeId, input.afterId)),
  impact: p.input(id).query(({ input }) => previewModelImpact(input.id)),
  createDraft: p.input(z.object({ fromVersionId: z.number().int().positive() })).mutation(({ ctx, input }) => createModelDraft({ actor: ctx.user, ip: ctx.ip }, input.fromVersionId)),
  /** The definition is validated field by field by the service (server/domain/scoring/validate-model.ts). */
  saveDraft: p
    .input(z.object({ id: z.number().int().positive(), definition: z.unknown(), notes: z.string().trim().max(2000).nullable().optional() }))
    .mutation(({ ctx, input }) => saveModelDraft({ actor: ctx.user, ip: ctx.ip }, input)),
  discardDraft: p.input(id).mutation(({ ctx, input }) => discardModelDraft({ actor: ctx.user, ip: ctx.ip }, input.id)),
  publish: p.input(id).mutation(({ ctx, input }) => publishModelVersion({ actor: ctx.user, ip: ctx.ip }, input.id)),
  retire: p.input(id).mutation(({ ctx, input }) => retireModelVersion({ actor: ctx.user, ip: ctx.ip }, input.id)),
  reratings: p.input(z.object({ versionId: z.number().int().positive().optional() })).query(({ input }) => listReratings(input.versionId)),
  rerating: p.input(z.object({ jobId: z.number().int().positive() })).query(({ input }) => getRerating(input.jobId)),
  startRerating: p.input(z.object({ versionId: z.number().int().positive() })).mutation(({ ctx, input }) => startRerating({ actor: ctx.user, ip: ctx.ip }, input.versionId)),
  resumeRerating: p.input(z.object({ jobId: z.number().int().positive() })).mutation(({ ctx, input }) => resumeRerating({ actor: ctx.user, ip: ctx.ip }, input.jobId)),
});
