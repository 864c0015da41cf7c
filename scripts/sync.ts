/**
 * `npm run sync -- [--full] [--csv dir | --pg url]`: one customer-system sync in this process (incremental unless
 * --full), against DATABASE_URL or the embedded PGlite (stop the app first: PGlite is one process). Prints the
 * ledger row; exit code 0 when it succeeded, 1 when it failed, 2 when another run is going.
 */
import os from "node:os";
import { getDbHandle } from "../db/client";
import { runMigrations } from "../db/migrate";
import { runSync, sourceFromEnv } from "../server/jobs/sync";
import { isDomainError } from "../server/domain/errors";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const csv = arg("csv");
  const pg = arg("pg");
  const source = csv ? { kind: "csv" as const, dir: csv } : pg ? { kind: "postgres" as const, url: pg } : sourceFromEnv();
  if (!source) {
    console.error("no source: pass --csv dir or --pg url, or set SYNC_SOURCE_CSV_DIR / SOURCE_DATABASE_URL");
    return 1;
  }
  const handle = getDbHandle();
  await runMigrations(handle);
  const mode = process.argv.includes("--full") ? "full" : "incremental";
  const t = performance.now();
  try {
    const out = await runSync({ handle, mode, trigger: "cli", source, actor: { username: `cli:${os.userInfo().username}` } });
    const c = out.counts;
    console.log(`sync run ${out.runId} (${mode}, ${source.kind}): ${out.status}${out.error ? ` (${out.error})` : ""} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    console.log(`  customers ${out.customers}; rows read ${c.rowsRead}, inserted ${c.rowsInserted}, updated ${c.rowsUpdated}, unchanged ${c.rowsUnchanged}, rejected ${c.rowsRejected}, deleted ${c.rowsDeleted}`);
    return out.status === "succeeded" ? 0 : 1;
  } catch (e) {
    if (isDomainError(e) && e.code === "BUSY") {
      console.error(`another sync is running (run ${e.params.runId}); try again when it has finished`);
      return 2;
    }
    throw e;
  } finally {
    await handle.close();
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(1);
});
