import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { generateCmsSource, writeCsvSource } from "@/db/seed/cms-source";
import type { DbHandle } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { POST } from "@/app/api/cron/sync/route";
import { cronMatches } from "@/server/domain/admin/cron";
import { callerFor } from "../fixtures/actors";
import { createTestDb } from "../setup/test-db";

let h: DbHandle;
const SECRET = "test-cron-secret-0123456789";

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  process.env.CRON_SECRET = SECRET;
});
afterAll(async () => {
  delete process.env.CRON_SECRET;
  await h?.close();
});

const post = (headers: Record<string, string> = {}) => POST(new Request("http://localhost/api/cron/sync", { method: "POST", headers }));

describe("sync triggers", () => {
  it("cron route: no token, a wrong token, a non-bearer scheme -> 401 with nothing leaked", async () => {
    for (const headers of <Record<string, string>[]>[{}, { authorization: "Bearer wrong-token-wrong-token" }, { authorization: `Basic ${SECRET}` }, { authorization: `Bearer ${SECRET}x` }]) {
      const res = await post(headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "UNAUTHORIZED" });
    }
  });

  it("cron route: without CRON_SECRET configured it stays closed", async () => {
    delete process.env.CRON_SECRET;
    expect((await post({ authorization: "Bearer " })).status).toBe(401);
    expect((await post({ authorization: "Bearer undefined" })).status).toBe(401);
    process.env.CRON_SECRET = SECRET;
  });

  it("cron route: the right token without a configured source answers 503, no details", async () => {
    const res = await post({ authorization: `Bearer ${SECRET}` });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "NOT_CONFIGURED" });
  });

  it("admin procedures: admins only", async () => {
    const admin = await callerFor(h.db, "admin");
    expect(await admin.admin.sync.list({ page: 1, pageSize: 20 })).toMatchObject({ rows: [], total: 0 });
    const rater = await callerFor(h.db, "bj.rater");
    await expect(rater.admin.sync.list({ page: 1, pageSize: 20 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(rater.admin.sync.start({ mode: "full" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a sync started from the admin area or the cron route is audited with who started it and the run id", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crp-trig-"));
    await writeCsvSource(dir, [...generateCmsSource({ customers: 5 })]);
    process.env.SYNC_SOURCE_CSV_DIR = dir;
    const finished = async (runId: number) => {
      for (let i = 0; i < 200; i++) {
        const [r] = await h.db.execute<{ status: string }>(sql`select status::text from sync_runs where id = ${runId}`).then((x) => (Array.isArray(x) ? x : (x as unknown as { rows: { status: string }[] }).rows));
        if (r.status !== "running") return r.status;
        await new Promise((ok) => setTimeout(ok, 50));
      }
      return "running";
    };
    const audits = async (runId: number) =>
      h.db.execute<{ username: string | null; role: string | null; after: { mode: string; trigger: string } }>(sql`select username, role, after from audit_log where action = 'sync.start' and entity_id = ${String(runId)}`)
        .then((x) => (Array.isArray(x) ? x : (x as unknown as { rows: { username: string | null; role: string | null; after: { mode: string; trigger: string } }[] }).rows));
    try {
      const admin = await callerFor(h.db, "admin");
      const { runId } = await admin.admin.sync.start({ mode: "full" });
      expect(await finished(runId)).toBe("succeeded");
      expect(await audits(runId)).toMatchObject([{ username: "admin", role: "admin", after: { mode: "full", trigger: "admin" } }]);

      // the ledger says "succeeded" a moment before the run lets go of its lock (it must: a run released while still
      // marked running would be taken for a killed one), so a trigger in that moment is refused as busy
      let res = await post({ authorization: `Bearer ${SECRET}` });
      for (let i = 0; i < 50 && res.status === 409; i++) {
        await new Promise((ok) => setTimeout(ok, 50));
        res = await post({ authorization: `Bearer ${SECRET}` });
      }
      expect(res.status).toBe(202);
      const cron = (await res.json()) as { runId: number };
      expect(await finished(cron.runId)).toBe("succeeded");
      expect(await audits(cron.runId)).toMatchObject([{ username: "cron", role: null, after: { mode: "incremental", trigger: "cron" } }]);
    } finally {
      delete process.env.SYNC_SOURCE_CSV_DIR;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("schedule: cron expressions match minutes in UTC", () => {
    expect(cronMatches("0 2 * * *", new Date("2026-12-06T02:00:00Z"))).toBe(true);
    expect(cronMatches("0 2 * * *", new Date("2026-12-06T02:01:00Z"))).toBe(false);
    expect(cronMatches("*/15 * * * 1-5", new Date("2026-12-07T10:30:00Z"))).toBe(true); // a Monday
    expect(cronMatches("*/15 * * * 1-5", new Date("2026-12-06T10:30:00Z"))).toBe(false); // a Sunday
  });
});
