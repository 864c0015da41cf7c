import { openPostgres } from "@/db/client";
import { DEMO_SYNC_CONFIG, parseSyncConfig } from "@/server/domain/sync/config";
import { runSync } from "@/server/jobs/sync";
const handle = openPostgres("postgres://postgres@127.0.0.1:5432/crp_bench_sync", { max: 6 });
const t = performance.now();
const r = await runSync({ handle, config: parseSyncConfig({ ...DEMO_SYNC_CONFIG, batchCustomers: 1000 }), mode: "full", trigger: "cli", source: { kind: "postgres", url: "postgres://postgres@127.0.0.1:5432/crp_bench_cms" } });
console.log(r.status, r.counts, ((performance.now() - t) / 1000).toFixed(2), "s");
await handle.close();
