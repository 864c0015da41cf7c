import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { customers, institutions, users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { getApplication } from "@/server/services/workflow/get-application";
import { renderRatingPdf } from "@/server/services/documents/rating-pdf";
import { translate } from "@/components/i18n/translate";
import { createTestDb } from "../setup/test-db";
import { actor, callerFor } from "../fixtures/actors";

let h: DbHandle;
let bjApp: string;
let applicantApp: string;

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  const [c] = await h.db.select({ id: customers.id }).from(customers).innerJoin(institutions, eq(institutions.id, customers.institutionId))
    .where(and(eq(institutions.code, "BJ"), eq(customers.type, "corporate"), sql`${customers.applicantUserId} is null`)).limit(1);
  bjApp = (await (await callerFor(h.db, "bj.rater")).applications.create({ customerId: c.id })).id;
  const [own] = await h.db.select({ id: customers.id }).from(customers).innerJoin(users, eq(users.id, customers.applicantUserId)).where(eq(users.username, "ent.applicant1"));
  applicantApp = (await (await callerFor(h.db, "ent.applicant1")).applications.create({ customerId: own.id })).id;
});
afterAll(async () => h?.close());

describe("rating documents as PDF", () => {
  it("renders the preliminary document in Chinese and in English with the embedded CJK font", async () => {
    const app = await getApplication(await actor(h.db, "bj.rater"), bjApp);
    const zh = await renderRatingPdf(app, "preliminary", (k, p) => translate("zh", k, p), "zh");
    const en = await renderRatingPdf(app, "preliminary", (k, p) => translate("en", k, p), "en");
    for (const pdf of [zh, en]) {
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
      expect(pdf.toString("latin1")).toContain("NotoSansSC");
      expect(pdf.length).toBeLessThan(400_000); // the 10 MB font is subset to the glyphs used
    }
    expect(zh.equals(en)).toBe(false);
  });

  it("gives an applicant no internal part to render, and another branch no application at all", async () => {
    const own = await getApplication(await actor(h.db, "ent.applicant1"), applicantApp);
    expect(own.internal ?? null).toBeNull();
    await expect(getApplication(await actor(h.db, "sh.rater"), bjApp)).rejects.toMatchObject({ code: "OUT_OF_SCOPE" });
  });
});
