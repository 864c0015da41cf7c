import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { DbHandle } from "@/db/client";
import { createTestDb } from "../setup/test-db";

let h: DbHandle;
beforeAll(async () => { h = await createTestDb(); });
afterAll(async () => { await h?.close(); });

describe("test database", () => {
  it("is migrated, empty, and enforces the append-only audit log", async () => {
    const r = await h.db.execute(sql`select count(*)::int as n from institutions`);
    expect(rowsOf<{ n: number }>(r)[0].n).toBe(0);
    await h.db.execute(sql`insert into audit_log (action) values ('test')`);
    await expect(h.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(h.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});
