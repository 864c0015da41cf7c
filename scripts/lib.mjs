// Helpers for the plain-Node scripts (they run before dependencies are installed, so no imports beyond node:).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(opts.env ?? {}) } });
  if (r.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

/** Secrets for the demo: generated on first run, kept in .data/ (git-ignored), never committed. */
export function demoSecrets() {
  const file = path.join(root, ".data", "secrets.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    const secrets = { NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"), ID_NUMBER_KEY: crypto.randomBytes(32).toString("base64url"), CRON_SECRET: crypto.randomBytes(24).toString("base64url") };
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

export function ensureInstalled() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (!fs.existsSync(marker) || fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs) {
    console.log("▶ installing dependencies (npm ci)…");
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  }
}

function newestMtime(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    if (!fs.existsSync(d)) continue;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  }
  return newest;
}

/** Builds unless .next is newer than every source file (a fresh clone always builds). */
export function ensureBuilt() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const sources = ["app", "components", "server", "db", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json", "app/globals.css"];
  const newest = Math.max(...sources.map((s) => {
    const p = path.join(root, s);
    if (!fs.existsSync(p)) return 0;
    return fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs;
  }));
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > newest) {
    console.log("▶ build is up to date");
    return;
  }
  console.log("▶ building the app (next build)…");
  run("npx", ["next", "build"]);
}

/**
 * Starts the server as a child in this process group: Ctrl+C (or a test runner killing the group) stops both,
 * so no orphaned next-server keeps holding the PGlite directory or the runner's output pipe.
 */
export function serve(cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  const stop = (signal) => () => child.kill(signal);
  process.on("SIGINT", stop("SIGINT"));
  process.on("SIGTERM", stop("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  return child;
}
