import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { modelVersions, ratingResults, ratings } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { modelVersionById } from "@/server/data/models";
import { rate, type RatingAdjustments, type RatingInput } from "@/server/domain/scoring";
import { modelChecksum } from "@/server/domain/scoring/model-checksum";
import { createTestDb } from "../setup/test-db";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
});
afterAll(async () => h?.close());

describe("stored ratings", () => {
  it("re-derive exactly from their snapshot and model version, over the whole seeded book", async () => {
    const rows = await h.db.select().from(ratingResults);
    expect(rows.length).toBeGreaterThan(900);
    const cache = new Map<number, Awaited<ReturnType<typeof modelVersionById>>>();
    let identical = 0;
    for (const row of rows) {
      if (!cache.has(row.modelVersionId)) cache.set(row.modelVersionId, await modelVersionById(h.db, row.modelVersionId));
      const model = cache.get(row.modelVersionId)!;
      const again = rate(model.definition, model.scale, row.inputsSnapshot as RatingInput, (row.adjustments ?? undefined) as RatingAdjustments | undefined);
      expect(again).toEqual(row.explanation);
      expect(again.grade).toBe(row.grade);
      expect(Number(row.pd)).toBeCloseTo(again.pd, 8);
      identical++;
    }
    console.log(`re-derived ${identical} of ${rows.length} stored ratings identically`);
    expect(identical).toBe(rows.length);
  });

  it("record the exact model definition they used (checksum) and spread over the grades", async () => {
    const versions = await h.db.select().from(modelVersions);
    expect(versions).toHaveLength(4);
    for (const v of versions) expect(v.checksum).toBe(modelChecksum(v.definition));
    const grades = await h.db.select({ grade: ratings.grade, n: sql<number>`count(*)::int` }).from(ratings).where(eq(ratings.status, "effective")).groupBy(ratings.grade);
    expect(grades.length).toBeGreaterThanOrEqual(8);
  });

  it("keep published model versions immutable in the database itself", async () => {
    const [v] = await h.db.select().from(modelVersions).limit(1);
    await expect(h.db.update(modelVersions).set({ definition: { tampered: true } }).where(eq(modelVersions.id, v.id))).rejects.toThrow();
    await expect(h.db.delete(modelVersions).where(eq(modelVersions.id, v.id))).rejects.toThrow();
    await h.db.update(modelVersions).set({ status: "retired", retiredAt: new Date() }).where(eq(modelVersions.id, v.id));
    await expect(h.db.update(modelVersions).set({ status: "published" }).where(eq(modelVersions.id, v.id))).rejects.toThrow();
  });
});
