import "server-only";
import { getDb } from "@/db/client";
import { findModelVersion, listModelVersions } from "@/server/data/admin-models";
import { DomainError } from "@/server/domain/errors";
import { diffModels, validateModel } from "@/server/domain/scoring";
import type { AdminContext } from "../admin-context";
import { localizeIssues } from "./localize";

export async function listModels() {
  const versions = await listModelVersions(getDb());
  const byModel = new Map<number, { modelId: number; key: string; nameZh: string; nameEn: string; kind: string; versions: typeof versions }>();
  for (const v of versions) {
    const entry = byModel.get(v.modelId) ?? { modelId: v.modelId, key: v.modelKey, nameZh: v.nameZh, nameEn: v.nameEn, kind: v.kind, versions: [] };
    entry.versions.push(v);
    byModel.set(v.modelId, entry);
  }
  return [...byModel.values()];
}

export async function requireVersion(id: number, opts: { forUpdate?: boolean } = {}, db = getDb()) {
  const v = await findModelVersion(db, id, opts);
  if (!v) throw new DomainError("NOT_FOUND", "model version");
  return v;
}

/** A version for reading; a draft comes with what is still wrong with it (field by field). */
export async function getModelVersion(ctx: AdminContext, id: number) {
  const v = await requireVersion(id);
  const issues = v.status === "draft" ? localizeIssues(validateModel(v.definition, v.scale), ctx.actor.locale) : [];
  return { ...v, issues };
}

/** Side-by-side differences of two versions (of the same model or not): `before` -> `after`. */
export async function diffModelVersions(beforeId: number, afterId: number) {
  const [before, after] = await Promise.all([requireVersion(beforeId), requireVersion(afterId)]);
  return {
    before: { id: before.id, modelKey: before.modelKey, version: before.version, status: before.status },
    after: { id: after.id, modelKey: after.modelKey, version: after.version, status: after.status },
    changes: diffModels(before.definition, after.definition),
  };
}
