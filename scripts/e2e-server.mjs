#!/usr/bin/env node
// Started by Playwright: a fresh database (PGlite dir or a new PostgreSQL database), seeded, served on E2E_PORT.
import fs from "node:fs";
import path from "node:path";
import { root, run, serve } from "./lib.mjs";

const port = process.env.E2E_PORT ?? "3100";
const env = { NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-000", ID_NUMBER_KEY: "e2e-id-key", NEXTAUTH_URL: `http://localhost:${port}` };
if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  const admin = url.toString();
  url.pathname = `/crp_e2e_${port}`;
  env.DATABASE_URL = url.toString();
  run("node", ["scripts/recreate-database.mjs", admin, `crp_e2e_${port}`]);
} else {
  // one directory per port: two PGlite processes on one data directory corrupt each other (a stale server from an
  // earlier run would otherwise share it)
  const dir = path.join(root, ".data", `e2e-pglite-${port}`);
  fs.rmSync(dir, { recursive: true, force: true });
  env.PGLITE_DIR = dir;
}
run("npx", ["tsx", "--conditions=react-server", "scripts/seed.ts"], { env });
// its own small customer-management source (CSV), so "Sync now" has something to read on a fresh clone
const source = path.join(root, ".data", `e2e-cms-source-${port}`);
fs.rmSync(source, { recursive: true, force: true });
run("npx", ["tsx", "--conditions=react-server", "scripts/source-generate.ts", "--customers", "50", "--csv", source], { env });
env.SYNC_SOURCE_CSV_DIR = source;
serve("npx", ["next", "start", "-p", port], env);
