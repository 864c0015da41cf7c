import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { DbHandle } from "./client";

const MIGRATION_LOCK = 4_207_001;

export function migrationsFolder(): string {
  return path.join(process.cwd(), "drizzle");
}

/**
 * Applies the committed SQL migrations. On PostgreSQL several app instances may start at once, so the
 * run holds an advisory lock on a dedicated connection; PGlite is single-process by construction.
 */
export async function runMigrations(handle: DbHandle, url = process.env.DATABASE_URL): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, { migrationsFolder: migrationsFolder() });
    return;
  }
  if (!url) throw new Error("runMigrations: a PostgreSQL handle needs its URL");
  const conn = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzlePg(conn);
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await migratePg(db, { migrationsFolder: migrationsFolder() });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    await conn.end({ timeout: 5 });
  }
}
