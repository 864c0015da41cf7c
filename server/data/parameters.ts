import "server-only";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { parameters } from "@/db/schema";

/**
 * Reads a parameter for an institution: its own value, else the nearest ancestor's (ids from the
 * materialized path), else the global default, else `fallback`.
 */
export async function getParameter<T>(db: Queryable, key: string, fallback: T, institutionPath?: string | null): Promise<T> {
  const chain = institutionPath ? institutionPath.split("/").filter(Boolean).map(Number) : [];
  const rows = await db
    .select({ institutionId: parameters.institutionId, value: parameters.value })
    .from(parameters)
    .where(and(eq(parameters.key, key), chain.length ? or(isNull(parameters.institutionId), inArray(parameters.institutionId, chain)) : isNull(parameters.institutionId)));
  for (const id of [...chain].reverse()) {
    const own = rows.find((r) => r.institutionId === id);
    if (own) return own.value as T;
  }
  const global = rows.find((r) => r.institutionId === null);
  return global ? (global.value as T) : fallback;
}
