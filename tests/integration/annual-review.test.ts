/** Annual review (年审): ratings expiring within the warning window, or expired, appear in the managing rater's to-do. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNotNull } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { customers, users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { createTestDb } from "../setup/test-db";
import { callerFor } from "../fixtures/actors";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
});
afterAll(async () => h?.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("annual review", () => {
  it("lists expired and soon-expiring ratings of the rater's own customers, until a new application is started", async () => {
    const [rater] = await h.db.select({ id: users.id }).from(users).where(eq(users.username, "bj.rater"));
    const managed = await h.db.select({ id: customers.id }).from(customers).where(and(eq(customers.managerUserId, rater.id), isNotNull(customers.currentRatingId))).limit(3);
    expect(managed.length).toBe(3);
    const [expired, soon, later] = managed;
    // every other managed customer out of the window, so the list is exactly what this test sets
    await h.db.update(customers).set({ currentRatingExpiresOn: day(400) }).where(eq(customers.managerUserId, rater.id));
    await h.db.update(customers).set({ currentRatingExpiresOn: day(-3) }).where(eq(customers.id, expired.id));
    await h.db.update(customers).set({ currentRatingExpiresOn: day(30) }).where(eq(customers.id, soon.id));
    await h.db.update(customers).set({ currentRatingExpiresOn: day(90) }).where(eq(customers.id, later.id)); // beyond the 60-day default

    const todo = await (await callerFor(h.db, "bj.rater")).workspace.todo();
    expect(todo.renewals.map((r) => [r.customerId, r.expired])).toEqual([[expired.id, true], [soon.id, false]]);
    // another branch's rater and a reviewer get no renewals of these customers
    expect((await (await callerFor(h.db, "sh.rater")).workspace.todo()).renewals.map((r) => r.customerId)).not.toContain(expired.id);
    expect((await (await callerFor(h.db, "bj.reviewer")).workspace.todo()).renewals).toEqual([]);

    await (await callerFor(h.db, "bj.rater")).applications.create({ customerId: expired.id });
    const after = await (await callerFor(h.db, "bj.rater")).workspace.todo();
    expect(after.renewals.map((r) => r.customerId)).toEqual([soon.id]);
  });
});
