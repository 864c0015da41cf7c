import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { withDatabase } from "./db-urls";

declare module "vitest" {
  export interface ProvidedContext {
    dbKind: "postgres" | "pglite";
    templateDb: string;
    pgliteSnapshot: string;
  }
}

/**
 * Migrates once per run: on PostgreSQL into a template database that each test file clones (CREATE DATABASE
 * ... TEMPLATE, ~0.2 s); on PGlite into a data-dir dump each file restores in memory (~2.5 s instead of 6 s).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `crp_tmpl_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${template}"`);
    const handle = openPostgres(withDatabase(url, template), { max: 1 });
    await runMigrations(handle, withDatabase(url, template));
    await handle.close();
    project.provide("dbKind", "postgres");
    project.provide("templateDb", template);
    project.provide("pgliteSnapshot", "");
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`crp_t_${process.pid}_%`} or datname = ${template}`;
      for (const { datname } of leftovers) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const handle = openPglite("memory://");
  await runMigrations(handle);
  const dump = await handle.pglite!.dumpDataDir("gzip");
  const file = path.join(process.cwd(), ".data", "test", `pglite-snapshot-${process.pid}.tgz`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("dbKind", "pglite");
  project.provide("templateDb", "");
  project.provide("pgliteSnapshot", file);
  return async () => fs.rmSync(file, { force: true });
}
