import { openFromEnv } from "../db/client";
import { runMigrations } from "../db/migrate";

const handle = openFromEnv();
await runMigrations(handle);
console.log(`migrations applied (${handle.kind})`);
await handle.close();
