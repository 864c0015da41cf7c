import "server-only";

/** Name of the constraint a PostgreSQL error violated (postgres-js and PGlite spell it differently). */
export function violatedConstraint(e: unknown): string | undefined {
  const err = e as { constraint_name?: string; constraint?: string; cause?: { constraint_name?: string; constraint?: string } } | null;
  if (!err || typeof err !== "object") return undefined;
  return err.constraint_name ?? err.constraint ?? err.cause?.constraint_name ?? err.cause?.constraint;
}

/** The SQLSTATE of a PostgreSQL error (postgres-js and PGlite keep it as `code`, sometimes on a wrapped cause). */
function sqlState(e: unknown): string | undefined {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return err && typeof err === "object" ? (err.code ?? err.cause?.code) : undefined;
}

/** A unique violation (SQLSTATE 23505). */
export const isUniqueViolation = (e: unknown) => sqlState(e) === "23505";

/** A deadlock that PostgreSQL broke by rolling this transaction back (SQLSTATE 40P01). */
export const isDeadlock = (e: unknown) => sqlState(e) === "40P01";
