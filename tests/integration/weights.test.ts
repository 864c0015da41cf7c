import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { customers, institutions, ratingResults, users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { createTestDb } from "../setup/test-db";
import { callerFor } from "../fixtures/actors";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
});
afterAll(async () => h?.close());

describe("direct evaluation by data weights", () => {
  it("re-runs with multipliers inside the model's bounds, records them, and refuses any outside", async () => {
    const [c] = await h.db.select({ id: customers.id }).from(customers).innerJoin(institutions, eq(institutions.id, customers.institutionId))
      .where(and(eq(institutions.code, "BJ"), eq(customers.type, "corporate"), sql`${customers.applicantUserId} is null`)).limit(1);
    const r = await callerFor(h.db, "bj.rater");
    const { id } = await r.applications.create({ customerId: c.id });
    let app = await r.applications.get({ id });
    const first = await r.applications.runSystemRating({ applicationId: id, expectedVersion: app.version });
    app = await r.applications.get({ id });
    const adjustable = app.internal!.model!.indicators.filter((i) => i.weightAdjust > 0);
    expect(adjustable.length).toBeGreaterThan(0);
    const k = adjustable[0];

    // outside the bounds: refused by the server, nothing stored
    const results = async () => (await h.db.select({ n: sql<number>`count(*)::int` }).from(ratingResults).where(eq(ratingResults.applicationId, id)))[0].n;
    const before = await results();
    const refused = await r.applications.runSystemRating({ applicationId: id, expectedVersion: app.version, multipliers: { [k.key]: 1 + k.weightAdjust + 0.05 } }).then(() => "OK", (e: TRPCError) => (e.cause as { code?: string })?.code);
    expect(refused).toBe("INVALID_ADJUSTMENT");
    expect(await results()).toBe(before);

    // every adjustable weight at its upper bound: a new result with the multipliers recorded
    const multipliers = Object.fromEntries(adjustable.map((i) => [i.key, 1 + i.weightAdjust]));
    const second = await r.applications.runSystemRating({ applicationId: id, expectedVersion: app.version, multipliers });
    expect(await results()).toBe(before + 1);
    app = await r.applications.get({ id });
    expect(app.internal!.multipliers).toEqual(multipliers);
    const [latest] = await h.db.select().from(ratingResults).where(eq(ratingResults.applicationId, id)).orderBy(sql`${ratingResults.id} desc`).limit(1);
    expect(latest.adjustments).toEqual({ multipliers });
    expect(latest.kind).toBe("rerun");
    const [original] = await h.db.select().from(ratingResults).where(and(eq(ratingResults.applicationId, id), eq(ratingResults.kind, "system")));
    expect(original.adjustments).toBeNull();
    expect(Number(latest.score)).not.toBe(Number(original.score)); // the weights changed the score
    expect(second.resultId).toBe(latest.id);
    expect(first.resultId).toBe(original.id);
  });

  it("an individual applicant's declared income, assets and debts are checked at the field and kept with the application", async () => {
    const [own] = await h.db.select({ id: customers.id }).from(customers).innerJoin(users, eq(users.id, customers.applicantUserId)).where(eq(users.username, "ind.applicant1"));
    const a = await callerFor(h.db, "ind.applicant1", "zh");
    const { id } = await a.applications.create({ customerId: own.id });
    let app = await a.applications.get({ id });
    const bad = await a.applications.saveInputs({ applicationId: id, expectedVersion: app.version, answers: { declared_annual_income: "三十万", declared_overdue_count_24m: "1.5" } })
      .then(() => null, (e: TRPCError) => e);
    const fields = (bad as unknown as { shape?: { data?: { fields?: { path: string; message: string }[] } } })?.shape?.data?.fields ?? (bad?.cause as { fields?: { path: string }[] })?.fields;
    expect(fields?.map((f) => f.path).sort()).toEqual(["answers.declared_annual_income", "answers.declared_overdue_count_24m"]);
    app = await a.applications.get({ id });
    expect(app.inputs.answers.declared_annual_income).toBeUndefined(); // nothing half-saved
    await a.applications.saveInputs({ applicationId: id, expectedVersion: app.version, answers: { declared_annual_income: "360000", declared_total_debt: "120000.50", declared_overdue_count_24m: "0" } });
    app = await a.applications.get({ id });
    expect(app.inputs.answers).toMatchObject({ declared_annual_income: "360000", declared_total_debt: "120000.50", declared_overdue_count_24m: "0" });
  });
});
