import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { masterScales, modelVersions, ratingModels, users } from "@/db/schema";
import type { CustomerType, MasterScale, ModelDefinition } from "@/server/domain/scoring";

export type ModelStatus = "draft" | "published" | "retired";

export interface ModelVersionSummary {
  id: number;
  modelId: number;
  modelKey: string;
  nameZh: string;
  nameEn: string;
  kind: "pd_logistic" | "scorecard";
  version: number;
  status: ModelStatus;
  customerTypes: CustomerType[];
  basedOnVersionId: number | null;
  notes: string | null;
  createdBy: string | null;
  publishedAt: Date | null;
  retiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ModelVersionDetail extends ModelVersionSummary {
  definition: ModelDefinition;
  checksum: string;
  masterScaleId: number;
  scale: MasterScale;
}

const summaryColumns = {
  id: modelVersions.id,
  modelId: modelVersions.modelId,
  modelKey: ratingModels.key,
  nameZh: ratingModels.nameZh,
  nameEn: ratingModels.nameEn,
  kind: ratingModels.kind,
  version: modelVersions.version,
  status: modelVersions.status,
  customerTypes: modelVersions.customerTypes,
  basedOnVersionId: modelVersions.basedOnVersionId,
  notes: modelVersions.notes,
  createdBy: users.username,
  publishedAt: modelVersions.publishedAt,
  retiredAt: modelVersions.retiredAt,
  createdAt: modelVersions.createdAt,
  updatedAt: modelVersions.updatedAt,
};

/** Every version of every model, model by model, newest version first. */
export async function listModelVersions(db: Queryable): Promise<ModelVersionSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(modelVersions)
    .innerJoin(ratingModels, eq(ratingModels.id, modelVersions.modelId))
    .leftJoin(users, eq(users.id, modelVersions.createdBy))
    .orderBy(asc(ratingModels.key), desc(modelVersions.version));
  return rows as ModelVersionSummary[];
}

/** One version with its definition and scale; `forUpdate` locks the version row (publish, retire, save). */
export async function findModelVersion(db: Queryable, id: number, opts: { forUpdate?: boolean } = {}): Promise<ModelVersionDetail | undefined> {
  const q = db
    .select({ ...summaryColumns, definition: modelVersions.definition, checksum: modelVersions.checksum, masterScaleId: modelVersions.masterScaleId, scale: masterScales.definition })
    .from(modelVersions)
    .innerJoin(ratingModels, eq(ratingModels.id, modelVersions.modelId))
    .innerJoin(masterScales, eq(masterScales.id, modelVersions.masterScaleId))
    .leftJoin(users, eq(users.id, modelVersions.createdBy))
    .where(eq(modelVersions.id, id))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for("update", { of: modelVersions }) : await q;
  return row as ModelVersionDetail | undefined;
}

/** Serialises draft creation per model: two admins creating a draft at once get one draft. */
export async function lockModel(tx: Queryable, modelId: number): Promise<void> {
  await tx.select({ id: ratingModels.id }).from(ratingModels).where(eq(ratingModels.id, modelId)).for("update");
}

export async function draftOfModel(tx: Queryable, modelId: number): Promise<{ id: number; version: number } | undefined> {
  const [row] = await tx
    .select({ id: modelVersions.id, version: modelVersions.version })
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, modelId), eq(modelVersions.status, "draft")))
    .limit(1);
  return row;
}

export async function nextVersionNumber(tx: Queryable, modelId: number): Promise<number> {
  const [row] = await tx.select({ max: sql<number>`coalesce(max(${modelVersions.version}), 0)::int` }).from(modelVersions).where(eq(modelVersions.modelId, modelId));
  return (row?.max ?? 0) + 1;
}

export async function insertDraftVersion(
  tx: Queryable,
  v: { modelId: number; version: number; customerTypes: CustomerType[]; definition: ModelDefinition; masterScaleId: number; checksum: string; basedOnVersionId: number; userId: string; now: Date },
): Promise<number> {
  const [row] = await tx
    .insert(modelVersions)
    .values({
      modelId: v.modelId,
      version: v.version,
      status: "draft",
      customerTypes: v.customerTypes,
      definition: v.definition,
      masterScaleId: v.masterScaleId,
      checksum: v.checksum,
      basedOnVersionId: v.basedOnVersionId,
      createdBy: v.userId,
      createdAt: v.now,
      updatedAt: v.now,
    })
    .returning({ id: modelVersions.id });
  return row.id;
}

export async function updateDraftVersion(tx: Queryable, id: number, v: { definition: ModelDefinition; customerTypes: CustomerType[]; checksum: string; notes: string | null; now: Date }) {
  await tx
    .update(modelVersions)
    .set({ definition: v.definition, customerTypes: v.customerTypes, checksum: v.checksum, notes: v.notes, updatedAt: v.now })
    .where(and(eq(modelVersions.id, id), eq(modelVersions.status, "draft")));
}

/** Published versions serving any of `types`, locked: publishing retires them in the same transaction. */
export async function publishedForTypes(tx: Queryable, types: CustomerType[]): Promise<{ id: number; modelId: number; version: number; customerTypes: CustomerType[] }[]> {
  const rows = await tx
    .select({ id: modelVersions.id, modelId: modelVersions.modelId, version: modelVersions.version, customerTypes: modelVersions.customerTypes })
    .from(modelVersions)
    .where(and(eq(modelVersions.status, "published"), sql`${modelVersions.customerTypes} && ARRAY[${sql.join(types.map((t) => sql`${t}`), sql`, `)}]::customer_type[]`))
    .orderBy(asc(modelVersions.id))
    .for("update");
  return rows as { id: number; modelId: number; version: number; customerTypes: CustomerType[] }[];
}

export async function markPublished(tx: Queryable, id: number, userId: string, now: Date) {
  await tx.update(modelVersions).set({ status: "published", publishedBy: userId, publishedAt: now, updatedAt: now }).where(and(eq(modelVersions.id, id), eq(modelVersions.status, "draft")));
}

export async function markRetired(tx: Queryable, id: number, now: Date) {
  await tx.update(modelVersions).set({ status: "retired", retiredAt: now, updatedAt: now }).where(and(eq(modelVersions.id, id), eq(modelVersions.status, "published")));
}

export async function deleteDraftVersion(tx: Queryable, id: number) {
  await tx.delete(modelVersions).where(and(eq(modelVersions.id, id), eq(modelVersions.status, "draft")));
}
