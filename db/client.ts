import path from "node:path";
import fs from "node:fs";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export type DbKind = "postgres" | "pglite";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** The raw postgres-js client (bulk COPY paths); absent on PGlite. */
  sql?: postgres.Sql;
  pglite?: PGlite;
  close(): Promise<void>;
}

export function defaultPgliteDir(): string {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

export function openPostgres(url: string, opts: { max?: number } = {}): DbHandle {
  const sql = postgres(url, { max: opts.max ?? 10, onnotice: () => {}, connection: { TimeZone: "UTC" } });
  const db = drizzlePg(sql, { schema }) as unknown as Db;
  return { db, kind: "postgres", sql, close: () => sql.end({ timeout: 5 }) };
}

/** PGlite on disk (`dataDir`) or in memory (`memory://`), optionally restored from a data-dir dump. */
export function openPglite(dataDir: string, opts: { loadDataDir?: Blob } = {}): DbHandle {
  if (!dataDir.startsWith("memory://")) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : undefined);
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { db, kind: "pglite", pglite, close: () => pglite.close() };
}

export function openFromEnv(): DbHandle {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite(defaultPgliteDir());
}

// Cached on globalThis: created on first use (never at import, so `next build` opens no database) and
// kept across hot reloads in development.
const globalForDb = globalThis as unknown as { __crpDb?: DbHandle };

export function getDbHandle(): DbHandle {
  if (!globalForDb.__crpDb) globalForDb.__crpDb = openFromEnv();
  return globalForDb.__crpDb;
}

export function getDb(): Db {
  return getDbHandle().db;
}

/** Tests and scripts install their own handle (a per-file database). */
export function setDbHandle(handle: DbHandle | undefined): void {
  globalForDb.__crpDb = handle;
}
