/**
 * A sync in its own process, for the kill test: `tsx --conditions=react-server sync-child.ts <target> <csvDir>`,
 * target = postgres URL or PGlite data dir. Prints `batch N` after each committed batch and sleeps a little, so
 * the parent can kill -9 it in the middle of the run.
 */
import { openPglite, openPostgres } from "../../../db/client";
import { DEMO_SYNC_CONFIG, parseSyncConfig } from "../../../server/domain/sync/config";
import { runSync } from "../../../server/jobs/sync";

const [target, dir] = process.argv.slice(2);
const handle = target.startsWith("postgres") ? openPostgres(target, { max: 4 }) : openPglite(target);
const config = parseSyncConfig({ ...DEMO_SYNC_CONFIG, batchCustomers: 5 });
const out = await runSync({
  handle,
  config,
  mode: "full",
  trigger: "cli",
  source: { kind: "csv", dir },
  afterBatch: async (n) => {
    console.log(`batch ${n}`);
    await new Promise((r) => setTimeout(r, 150));
  },
});
console.log(`done ${out.status}`);
await handle.close();
