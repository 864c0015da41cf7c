import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { masterScales, modelVersions, ratingModels } from "@/db/schema";
import type { MasterScale, ModelDefinition } from "@/server/domain/scoring";

export interface LoadedModel {
  versionId: number;
  modelId: number;
  key: string;
  version: number;
  definition: ModelDefinition;
  masterScaleId: number;
  scale: MasterScale;
  customerTypes: string[];
}

const columns = {
  versionId: modelVersions.id,
  modelId: modelVersions.modelId,
  key: ratingModels.key,
  version: modelVersions.version,
  definition: modelVersions.definition,
  masterScaleId: modelVersions.masterScaleId,
  scale: masterScales.definition,
  customerTypes: modelVersions.customerTypes,
};

function toLoaded(row: { definition: unknown; scale: unknown } & Omit<LoadedModel, "definition" | "scale">): LoadedModel {
  return { ...row, definition: row.definition as ModelDefinition, scale: row.scale as MasterScale };
}

/** The published version in force for each customer type (one per type, enforced when publishing). */
export async function activeModelsByCustomerType(db: Queryable): Promise<Map<string, LoadedModel>> {
  const rows = await db
    .select(columns)
    .from(modelVersions)
    .innerJoin(ratingModels, eq(ratingModels.id, modelVersions.modelId))
    .innerJoin(masterScales, eq(masterScales.id, modelVersions.masterScaleId))
    .where(eq(modelVersions.status, "published"))
    .orderBy(asc(modelVersions.publishedAt));
  const byType = new Map<string, LoadedModel>();
  // later publications win, so the map ends with the newest published version per type
  for (const row of rows) for (const type of row.customerTypes) byType.set(type, toLoaded(row));
  return byType;
}

export async function modelVersionById(db: Queryable, versionId: number): Promise<LoadedModel | undefined> {
  const [row] = await db
    .select(columns)
    .from(modelVersions)
    .innerJoin(ratingModels, eq(ratingModels.id, modelVersions.modelId))
    .innerJoin(masterScales, eq(masterScales.id, modelVersions.masterScaleId))
    .where(eq(modelVersions.id, versionId))
    .limit(1);
  return row ? toLoaded(row) : undefined;
}

export async function publishedScale(db: Queryable) {
  const [row] = await db.select().from(masterScales).where(and(eq(masterScales.status, "published"))).orderBy(sql`${masterScales.version} desc`).limit(1);
  return row;
}
