#!/usr/bin/env node
// `npm test`: unit, integration (PGlite, or PostgreSQL when DATABASE_URL is set), then a production build and
// the Playwright end-to-end suite in Debian's chromium. Prints one summary line `N passed, N failed`.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ensureBuilt, root } from "./lib.mjs";

const db = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
const results = [];
fs.mkdirSync(path.join(root, "test-results"), { recursive: true });

function step(name, cmd, args, reportFile, count) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TZ: "UTC" } });
  let counts = { passed: 0, failed: r.status === 0 ? 0 : 1, skipped: 0 };
  try {
    counts = count(JSON.parse(fs.readFileSync(path.join(root, reportFile), "utf8")));
    if (r.status !== 0 && counts.failed === 0) counts.failed = 1; // a crash outside any test still fails
  } catch {
    /* no report: the runner itself failed */
  }
  results.push({ name, ...counts, seconds: Math.round((Date.now() - started) / 1000), ok: r.status === 0 });
}

const vitestCounts = (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests + (j.numRuntimeErrorTests ?? 0), skipped: j.numPendingTests + j.numTodoTests });
const pwCounts = (j) => ({ passed: j.stats.expected, failed: j.stats.unexpected + (j.errors?.length ?? 0), skipped: j.stats.skipped });

step("unit", "npx", ["vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", "--outputFile=test-results/unit.json"], "test-results/unit.json", vitestCounts);
step(`integration (${db})`, "npx", ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", "--outputFile=test-results/integration.json"], "test-results/integration.json", vitestCounts);
if (!process.env.SKIP_E2E) {
  ensureBuilt();
  fs.rmSync(path.join(root, "test-results", "e2e.json"), { force: true });
  step(`end-to-end (${db}, chromium)`, "npx", ["playwright", "test"], "test-results/e2e.json", pwCounts);
}

console.log("\n━━ summary ━━");
for (const r of results) console.log(`${r.ok ? "✔" : "✖"} ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.seconds}s)`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
const skipped = results.reduce((s, r) => s + r.skipped, 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
