import "server-only";

/** Name of the constraint a PostgreSQL error violated (postgres-js and PGlite spell it differently). */
export function violatedConstraint(e: unknown): string | undefined {
  const err = e as { constraint_name?: string; constraint?: string; cause?: { constraint_name?: string; constraint?: string } } | null;
  if (!err || typeof err !== "object") return undefined;
  return err.constraint_name ?? err.constraint ?? err.cause?.constraint_name ?? err.cause?.constraint;
}
