import fs from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openPglite, openPostgres, setDbHandle, type DbHandle } from "../../db/client";
import { withDatabase } from "./db-urls";

let counter = 0;

/**
 * A fresh, migrated database for one test file, installed as the app's database handle so services that
 * call getDb() use it. Real PostgreSQL when DATABASE_URL is set, in-memory PGlite otherwise.
 */
export async function createTestDb(): Promise<DbHandle> {
  let handle: DbHandle;
  if (inject("dbKind") === "postgres") {
    const url = process.env.DATABASE_URL!;
    const name = `crp_t_${process.ppid}_${process.pid}_${Date.now()}_${counter++}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${inject("templateDb")}"`);
    await admin.end();
    const inner = openPostgres(withDatabase(url, name), { max: 10 });
    handle = {
      ...inner,
      close: async () => {
        await inner.close();
        const a = postgres(url, { max: 1, onnotice: () => {} });
        await a.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await a.end();
      },
    };
    process.env.TEST_DATABASE_URL = withDatabase(url, name);
  } else {
    const bytes = fs.readFileSync(inject("pgliteSnapshot"));
    handle = openPglite("memory://", { loadDataDir: new Blob([bytes]) });
    await handle.pglite!.waitReady;
  }
  setDbHandle(handle);
  return handle;
}
