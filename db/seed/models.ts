import { masterScales, modelVersions, ratingModels } from "../schema";
import type { Tx } from "../client";
import { DEFAULT_MASTER_SCALE, DEFAULT_MODELS, type MasterScale, type ModelDefinition } from "../../server/domain/scoring";
import { modelChecksum } from "../../server/domain/scoring/model-checksum";

export interface SeededModel {
  versionId: number;
  definition: ModelDefinition;
  scale: MasterScale;
}

const PUBLISHED_AT = new Date("2023-12-01T00:00:00Z");

/** The default master scale and the four default models, version 1, published (see docs/models.md). */
export async function seedModels(tx: Tx): Promise<Map<string, SeededModel>> {
  const [scale] = await tx
    .insert(masterScales)
    .values({ version: 1, status: "published", definition: DEFAULT_MASTER_SCALE, publishedAt: PUBLISHED_AT })
    .returning({ id: masterScales.id });
  const byType = new Map<string, SeededModel>();
  for (const def of DEFAULT_MODELS) {
    const [model] = await tx.insert(ratingModels).values({ key: def.key, nameZh: def.name.zh, nameEn: def.name.en, kind: def.kind }).returning({ id: ratingModels.id });
    const [version] = await tx
      .insert(modelVersions)
      .values({
        modelId: model.id,
        version: def.version,
        status: "published",
        customerTypes: [...def.customerTypes],
        definition: def,
        masterScaleId: scale.id,
        checksum: modelChecksum(def),
        notes: "Default model shipped with the system (docs/models.md).",
        publishedAt: PUBLISHED_AT,
      })
      .returning({ id: modelVersions.id });
    for (const type of def.customerTypes) byType.set(type, { versionId: version.id, definition: def, scale: DEFAULT_MASTER_SCALE });
  }
  return byType;
}
