import "server-only";
import type postgres from "postgres";
import type { PGlite } from "@electric-sql/pglite";
import type { Db, DbHandle } from "@/db/client";

/**
 * The database without drizzle, for the bulk paths (sync, batch re-rating): drizzle's builders cost several times
 * more per row (STACK-NOTES), and COPY is not in drizzle at all. The same interface over postgres-js and PGlite.
 */
export interface RawTx {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY rows (already in COPY text format, one line each) into a table */
  copyIn(table: string, columns: string[], text: string): Promise<void>;
}
export interface RawDb extends RawTx {
  begin<T>(fn: (tx: RawTx) => Promise<T>): Promise<T>;
}

function pgTx(sql: postgres.Sql | postgres.TransactionSql): RawTx {
  return {
    query: async <T,>(text: string, params: unknown[] = []) => (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    copyIn: async (table, columns, text) => {
      if (!text) return;
      const w = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
      await new Promise<void>((resolve, reject) => {
        w.on("error", reject);
        w.on("finish", resolve);
        w.end(text);
      });
    },
  };
}

type PgliteTx = Parameters<Parameters<PGlite["transaction"]>[0]>[0];

function pgliteTx(db: PGlite | PgliteTx): RawTx {
  return {
    query: async <T,>(text: string, params: unknown[] = []) => (await db.query<T>(text, params)).rows,
    copyIn: async (table, columns, text) => {
      if (!text) return;
      await db.query(`copy ${table} (${columns.join(", ")}) from '/dev/blob'`, [], { blob: new Blob([text]) });
    },
  };
}

function fromPostgres(sql: postgres.Sql): RawDb {
  return { ...pgTx(sql), begin: (fn) => sql.begin((tx) => fn(pgTx(tx))) as Promise<never> };
}

function fromPglite(pg: PGlite): RawDb {
  return { ...pgliteTx(pg), begin: (fn) => pg.transaction((tx) => fn(pgliteTx(tx))) };
}

export function rawDb(handle: DbHandle): RawDb {
  return handle.sql ? fromPostgres(handle.sql) : fromPglite(handle.pglite!);
}

/** The raw client under a drizzle database (drizzle keeps it as `$client`). */
export function rawDbOf(db: Db): RawDb {
  const client = (db as unknown as { $client: postgres.Sql | PGlite }).$client;
  return "unsafe" in client ? fromPostgres(client) : fromPglite(client);
}

const escapeCopy = (s: string) => (/[\\\t\n\r]/.test(s) ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : s);

/** One field in COPY text format: `\N` for null, backslash escapes for the separators. */
export const copyField = (v: string | number | boolean | null | undefined): string => (v === null || v === undefined ? "\\N" : typeof v === "string" ? escapeCopy(v) : String(v));

/** One row in COPY text format, newline included. */
export const copyLine = (vals: (string | number | boolean | null | undefined)[]) => `${vals.map(copyField).join("\t")}\n`;

/** A text[] literal for a `$n::text[]` parameter, every element quoted (codes may hold commas, quotes, braces). */
export const textArrayLiteral = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
