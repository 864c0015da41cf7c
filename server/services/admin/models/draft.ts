import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { deleteDraftVersion, draftOfModel, insertDraftVersion, lockModel, nextVersionNumber, updateDraftVersion } from "@/server/data/admin-models";
import { DomainError } from "@/server/domain/errors";
import { validateModel, type ModelDefinition } from "@/server/domain/scoring";
import { modelChecksum } from "@/server/domain/scoring/model-checksum";
import { auditBy, type AdminContext } from "../admin-context";
import { localizeIssues } from "./localize";
import { requireVersion } from "./queries";

/**
 * A new draft copied from `fromVersionId` (any status), numbered after the model's last version.
 * One draft per model at a time, so two admins never edit competing drafts: the model row is locked.
 */
export async function createModelDraft(ctx: AdminContext, fromVersionId: number) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const from = await requireVersion(fromVersionId, {}, tx);
    await lockModel(tx, from.modelId);
    const existing = await draftOfModel(tx, from.modelId);
    if (existing) throw new DomainError("CONFLICT", "draft exists", { fields: [{ path: "fromVersionId", message: "models.error.draftExists", params: { version: existing.version } }] });
    const version = await nextVersionNumber(tx, from.modelId);
    const definition: ModelDefinition = { ...from.definition, version };
    const id = await insertDraftVersion(tx, {
      modelId: from.modelId,
      version,
      customerTypes: definition.customerTypes,
      definition,
      masterScaleId: from.masterScaleId,
      checksum: modelChecksum(definition),
      basedOnVersionId: from.id,
      userId: ctx.actor.id,
      now,
    });
    await appendAudit(tx, auditBy(ctx, { action: "admin.model.draft", entityType: "model_version", entityId: String(id), after: { modelKey: from.modelKey, version, basedOn: from.version } }), now);
    return { id, version };
  });
}

/**
 * Saves an edited draft. Only a valid definition is stored (so a draft is always publishable and its impact can
 * be previewed); otherwise every problem comes back at its field and nothing is written. The model's key,
 * kind and version number are the server's, whatever the client sent.
 */
export async function saveModelDraft(ctx: AdminContext, v: { id: number; definition: unknown; notes?: string | null }) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const draft = await requireVersion(v.id, { forUpdate: true }, tx);
    if (draft.status !== "draft") throw new DomainError("CONFLICT", "not a draft", { fields: [{ path: "id", message: "models.error.notDraft" }] });
    const sent = (v.definition ?? {}) as Record<string, unknown>;
    const candidate = { ...sent, key: draft.modelKey, kind: draft.kind, version: draft.version };
    const issues = validateModel(candidate, draft.scale);
    if (issues.length) throw new DomainError("INVALID_MODEL", "invalid draft", { fields: localizeIssues(issues, ctx.actor.locale) });
    const definition = candidate as ModelDefinition;
    const checksum = modelChecksum(definition);
    if (checksum === draft.checksum && (v.notes ?? null) === draft.notes) return { changed: false };
    await updateDraftVersion(tx, draft.id, { definition, customerTypes: definition.customerTypes, checksum, notes: v.notes ?? null, now });
    await appendAudit(tx, auditBy(ctx, { action: "admin.model.save", entityType: "model_version", entityId: String(draft.id), before: { checksum: draft.checksum }, after: { checksum } }), now);
    return { changed: true };
  });
}

/** Drafts were never used by a rating, so they may be thrown away. */
export async function discardModelDraft(ctx: AdminContext, id: number) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const draft = await requireVersion(id, { forUpdate: true }, tx);
    if (draft.status !== "draft") throw new DomainError("CONFLICT", "not a draft", { fields: [{ path: "id", message: "models.error.notDraft" }] });
    await deleteDraftVersion(tx, id);
    await appendAudit(tx, auditBy(ctx, { action: "admin.model.discard", entityType: "model_version", entityId: String(id), before: { modelKey: draft.modelKey, version: draft.version } }), now);
    return { discarded: true };
  });
}
