import "server-only";

/** Name of the constraint a PostgreSQL error violated (postgres-js and PGlite spell it differently). */
export function violatedConstraint(e: unknown): string | undefined {
  const err = e as { constraint_name?: string; constraint?: string; cause?: { constraint_name?: string; constraint?: string } } | null;
  if (!err || typeof err !== "object") return undefined;
  return err.constraint_name ?? err.constraint ?? err.cause?.constraint_name ?? err.cause?.constraint;
}

/** A unique violation (SQLSTATE 23505), from postgres-js or PGlite. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return !!err && typeof err === "object" && (err.code === "23505" || err.cause?.code === "23505");
}

/** A deadlock that PostgreSQL broke by rolling this transaction back (SQLSTATE 40P01). */
export function isDeadlock(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return !!err && typeof err === "object" && (err.code === "40P01" || err.cause?.code === "40P01");
}
