import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { CopyRejectedError, copyLine, rawDb } from "@/server/data/raw-db";
import { createTestDb } from "../setup/test-db";

/**
 * The raw COPY path the sync and the batch re-rating write through. On PostgreSQL, postgres-js never settles a
 * COPY FROM STDIN that the server rejects after the data was sent (porsager/postgres#1173): without the probe in
 * raw-db.ts the transaction hung and its connection stayed "idle in transaction (aborted)".
 */
let h: DbHandle;

beforeAll(async () => {
  h = await createTestDb();
  await rawDb(h).query("create table raw_copy_probe (id int primary key, label text not null)");
});
afterAll(async () => {
  await h?.close();
});

describe("raw COPY", () => {
  it("copies rows (with tabs, newlines and backslashes in the text) inside a transaction", async () => {
    const db = rawDb(h);
    await db.begin((tx) => tx.copyIn("raw_copy_probe", ["id", "label"], copyLine([1, "a\tb"]) + copyLine([2, "line\nbreak \\ slash"])));
    const rows = await db.query<{ id: number; label: string }>("select id, label from raw_copy_probe order by id");
    expect(rows).toEqual([{ id: 1, label: "a\tb" }, { id: 2, label: "line\nbreak \\ slash" }]);
  });

  it("a COPY the server rejects throws, rolls the whole transaction back, and leaves the connections usable", async () => {
    const db = rawDb(h);
    const attempt = db.begin(async (tx) => {
      await tx.query("insert into raw_copy_probe (id, label) values (10, 'before the copy')");
      await tx.copyIn("raw_copy_probe", ["id", "label"], copyLine([11, "new"]) + copyLine([1, "duplicate key"]));
    });
    const error = await Promise.race([attempt.then(() => null, (e: unknown) => e), new Promise((r) => setTimeout(() => r("hung"), 10_000))]);
    expect(error).not.toBe("hung");
    expect(error).not.toBeNull();
    if (h.kind === "postgres") expect(error).toBeInstanceOf(CopyRejectedError);
    else expect((error as { code?: string }).code).toBe("23505");
    const [{ n }] = await db.query<{ n: number }>("select count(*)::int as n from raw_copy_probe where id in (10, 11)");
    expect(n).toBe(0);
    if (h.sql) {
      const stuck = await h.sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'idle in transaction (aborted)'`;
      expect(stuck[0].n).toBe(0);
    }
    // the pool goes on: more transactions than it has connections, each with a COPY
    for (let i = 0; i < 12; i++) await db.begin((tx) => tx.copyIn("raw_copy_probe", ["id", "label"], copyLine([100 + i, `row ${i}`])));
    const [{ m }] = await db.query<{ m: number }>("select count(*)::int as m from raw_copy_probe where id >= 100");
    expect(m).toBe(12);
  });
});
