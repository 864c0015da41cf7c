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

/**
 * The server rejected a COPY (a unique violation, a malformed value, ...). postgres-js loses the server's error
 * for a COPY FROM STDIN that fails after its data was sent, and never settles the stream either
 * (porsager/postgres#1173, fix pending in #1183): we learn of the failure from the next statement in the same
 * transaction, which the server refuses because the transaction is aborted. The cause is in the server log.
 */
export class CopyRejectedError extends Error {
  constructor(public table: string, cause: unknown) {
    super(`COPY into ${table} was rejected by the server`, { cause });
  }
}

/** COPY in a transaction (on one connection): settles when the COPY completes, or throws CopyRejectedError. */
async function copyInTx(tx: postgres.TransactionSql, table: string, columns: string[], text: string): Promise<void> {
  const w = await tx.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  const finished = new Promise<void>((resolve, reject) => {
    w.on("error", reject);
    w.on("finish", resolve);
  });
  finished.catch(() => undefined); // raced below
  // all the data handed to the socket, then the end of the COPY
  await new Promise<void>((resolve, reject) => w.write(text, (e) => (e ? reject(e) : resolve())));
  w.end();
  // A statement queued behind the COPY on the same connection succeeds after a completed COPY and is refused after
  // a rejected one (whose stream never finishes). The driver takes it once the stream has handed over its end (a
  // tick after end()); should it still report the COPY in progress, the stream's own end is awaited instead.
  const probe = (async () => {
    for (let tries = 0; tries < 100; tries++) {
      await new Promise((r) => setImmediate(r));
      try {
        await tx.unsafe("select 1");
        return finished;
      } catch (e) {
        if ((e as { code?: string }).code !== "COPY_IN_PROGRESS") throw new CopyRejectedError(table, e);
      }
    }
    return finished;
  })();
  await Promise.race([finished, probe]);
  await probe;
}

const pgQuery =
  (sql: postgres.Sql | postgres.TransactionSql): RawTx["query"] =>
  async <T,>(text: string, params: unknown[] = []) =>
    (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];

function pgTx(sql: postgres.TransactionSql): RawTx {
  return {
    query: pgQuery(sql),
    copyIn: async (table, columns, text) => {
      if (text) await copyInTx(sql, table, columns, text);
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
  return {
    query: pgQuery(sql),
    // outside a transaction, a COPY gets one of its own (the probe must follow it on the same connection)
    copyIn: async (table, columns, text) => {
      if (text) await sql.begin((tx) => copyInTx(tx, table, columns, text));
    },
    begin: (fn) => sql.begin((tx) => fn(pgTx(tx))) as Promise<never>,
  };
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
