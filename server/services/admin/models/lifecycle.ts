import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { markPublished, markRetired, publishedForTypes } from "@/server/data/admin-models";
import { DomainError } from "@/server/domain/errors";
import { validateModel } from "@/server/domain/scoring";
import { auditBy, type AdminContext } from "../admin-context";
import { localizeIssues } from "./localize";
import { requireVersion } from "./queries";

/**
 * Publishes a draft: from then on it is immutable (a database trigger enforces it too) and it is the one active
 * version for its customer types; the versions it replaces are retired in the same transaction. A published
 * version that also serves types the draft does not cover is not silently retired: publishing is refused.
 */
export async function publishModelVersion(ctx: AdminContext, id: number) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const draft = await requireVersion(id, { forUpdate: true }, tx);
    if (draft.status !== "draft") throw new DomainError("CONFLICT", "not a draft", { fields: [{ path: "id", message: "models.error.notDraft" }] });
    const issues = validateModel(draft.definition, draft.scale);
    if (issues.length) throw new DomainError("INVALID_MODEL", "invalid draft", { fields: localizeIssues(issues, ctx.actor.locale) });
    const replaced = await publishedForTypes(tx, draft.customerTypes);
    for (const old of replaced) {
      const orphaned = old.customerTypes.filter((t) => !draft.customerTypes.includes(t));
      if (orphaned.length) {
        throw new DomainError("CONFLICT", "would orphan types", { fields: [{ path: "customerTypes", message: "models.error.orphanTypes", params: { types: orphaned.join(", ") } }] });
      }
    }
    for (const old of replaced) await markRetired(tx, old.id, now);
    await markPublished(tx, draft.id, ctx.actor.id, now);
    await appendAudit(
      tx,
      auditBy(ctx, { action: "admin.model.publish", entityType: "model_version", entityId: String(draft.id), before: { retired: replaced.map((r) => r.id) }, after: { modelKey: draft.modelKey, version: draft.version, checksum: draft.checksum } }),
      now,
    );
    return { published: draft.id, retired: replaced.map((r) => r.id) };
  });
}

/**
 * Retires a published version by hand. Refused while it is the only model for one of its customer types
 * (nobody of that type could be rated); publishing a replacement retires it instead.
 */
export async function retireModelVersion(ctx: AdminContext, id: number) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const v = await requireVersion(id, { forUpdate: true }, tx);
    if (v.status !== "published") throw new DomainError("CONFLICT", "not published", { fields: [{ path: "id", message: "models.error.notPublished" }] });
    const serving = await publishedForTypes(tx, v.customerTypes);
    const uncovered = v.customerTypes.filter((t) => !serving.some((s) => s.id !== v.id && s.customerTypes.includes(t)));
    if (uncovered.length) throw new DomainError("CONFLICT", "last active", { fields: [{ path: "id", message: "models.error.lastActive", params: { types: uncovered.join(", ") } }] });
    await markRetired(tx, v.id, now);
    await appendAudit(tx, auditBy(ctx, { action: "admin.model.retire", entityType: "model_version", entityId: String(v.id), after: { modelKey: v.modelKey, version: v.version } }), now);
    return { retired: v.id };
  });
}
