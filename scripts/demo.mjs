#!/usr/bin/env node
// `npm run demo`: install, build, migrate, seed on first run, and serve on http://localhost:3000.
// Embedded PGlite under .data/pglite unless DATABASE_URL points at a PostgreSQL server.
import { existsSync } from "node:fs";
import { demoSecrets, ensureBuilt, ensureInstalled, run, serve } from "./lib.mjs";

const major = Number(process.versions.node.split(".")[0]);
if (major < 20) {
  console.error(`Node 20 or newer is required (found ${process.versions.node}).`);
  process.exit(1);
}
const port = process.env.PORT ?? "3000";
ensureInstalled();
const secrets = demoSecrets();
const env = { ...secrets, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` };
ensureBuilt();
console.log(`▶ preparing the database (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite in .data/pglite"})…`);
run("npx", ["tsx", "--conditions=react-server", "scripts/seed.ts"], { env });
// the demo customer-management system (CSV), read by the built-in sync schedule (sync.schedule) and "Sync now"
if (!process.env.SOURCE_DATABASE_URL && !process.env.SYNC_SOURCE_CSV_DIR && !existsSync(".data/cms-source/customer_info.csv")) {
  run("npx", ["tsx", "--conditions=react-server", "scripts/source-generate.ts", "--customers", "500", "--csv", ".data/cms-source"], { env });
}
console.log(`\n▶ starting the app on http://localhost:${port} (Ctrl+C stops it)\n`);
serve("npx", ["next", "start", "-p", port], env);
