import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/** SQL for "this institution path and everything below it"; the path is ours (from the DB), never client input. */
export function withinSubtree(pathColumn: AnyPgColumn, actorPath: string): SQL {
  const escaped = actorPath.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${pathColumn} like ${`${escaped}%`}`;
}
