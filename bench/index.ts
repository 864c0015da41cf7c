/**
 * `npm run bench`: runs every benchmark below, one child process each (so one benchmark's memory and JIT state
 * never colour the next one's figures), and prints their plain-text figures. Never asserts timings.
 *
 *   npm run bench                     # all of them
 *   npm run bench -- scoring          # only the named ones
 *
 * Each file under bench/ also runs on its own (`npx tsx --conditions=react-server bench/<name>.ts`) and states at
 * its top what it measures, what it needs (e.g. DATABASE_URL) and which environment variables size it.
 */
import path from "node:path";
import { spawnSync } from "node:child_process";

/** Add a benchmark here: file name under bench/ without `.ts`. */
const BENCHES: string[] = ["scoring", "rerating", "statistics", "sync"];

const argv = process.argv.slice(2);
// `--customers N` sizes the sync benchmark (bench/sync.ts reads BENCH_SYNC_CUSTOMERS)
const ci = argv.indexOf("--customers");
if (ci >= 0) {
  process.env.BENCH_SYNC_CUSTOMERS = argv[ci + 1];
  argv.splice(ci, 2);
}
const wanted = argv.filter((a) => !a.startsWith("-"));
const selected = wanted.length ? BENCHES.filter((b) => wanted.includes(b)) : BENCHES;
if (wanted.length && selected.length !== wanted.length) {
  console.error(`unknown benchmark(s): ${wanted.filter((w) => !BENCHES.includes(w)).join(", ")}; known: ${BENCHES.join(", ")}`);
  process.exit(2);
}

let failed = 0;
for (const name of selected) {
  console.log(`\n━━ bench: ${name} ━━`);
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", path.join("bench", `${name}.ts`)], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) {
    failed++;
    console.log(`bench ${name}: exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
