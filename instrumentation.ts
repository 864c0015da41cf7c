/**
 * Runs once when the server starts: applies pending migrations (same SQL on PGlite and PostgreSQL), so a
 * plain `next start` against an empty database works. PGlite is opened here, in the only process using it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./db/client");
  const { runMigrations } = await import("./db/migrate");
  const handle = getDbHandle();
  await runMigrations(handle);
  console.log(`database ready (${handle.kind})`);
}
