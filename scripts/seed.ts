/**
 * Seeds the demo bank into the configured database (DATABASE_URL, else PGlite under PGLITE_DIR / .data/pglite),
 * after applying migrations. Safe to re-run: a seeded database is left as it is.
 *   npx tsx --conditions=react-server scripts/seed.ts
 */
import { openFromEnv } from "../db/client";
import { runMigrations } from "../db/migrate";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "../db/seed";

const handle = openFromEnv();
try {
  await runMigrations(handle);
  const started = performance.now();
  const s = await seedDemo(handle.db, { log: console.log });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const c = s.customers;
  const total = c.corporate + c.sme + c.public_institution + c.individual;
  console.log(
    `${s.skipped ? "demo seed already present (nothing written); database holds" : `demo seed written in ${seconds} s:`} ` +
      `${s.institutions} institutions, ${s.users} users, ${total} customers ` +
      `(corporate ${c.corporate}, sme ${c.sme}, public_institution ${c.public_institution}, individual ${c.individual}), ` +
      `${s.statements} financial statements [${handle.kind}]`,
  );
  if (!s.skipped) console.log(`${DEMO_LOGINS.length} demo logins, password ${DEMO_PASSWORD} (see README)`);
} finally {
  await handle.close();
}
