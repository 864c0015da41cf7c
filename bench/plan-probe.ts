import { generateCmsSource } from "@/db/seed/cms-source";
import { DEMO_SYNC_CONFIG } from "@/server/domain/sync/config";
import { configHash, planCustomer, groupChecksum } from "@/server/domain/sync";
const groups = [...generateCmsSource({ customers: 5000, seed: "probe" })];
// JSON round trip: rows as parsed strings, like the source gives
const gs = JSON.parse(JSON.stringify(groups));
const inst = new Map<string, { id: number; regionCode: string }>();
const ctx = { config: DEMO_SYNC_CONFIG, configHash: configHash(DEMO_SYNC_CONFIG), institutions: { get: () => ({ id: 1, regionCode: "x" }) } as never, industries: { has: () => true } as never, natures: { has: () => true } as never, users: new Map() };
void inst;
for (let round = 0; round < 4; round++) {
  let t = performance.now();
  for (const g of gs) planCustomer(g, ctx);
  const all = performance.now() - t;
  t = performance.now();
  for (const g of gs) groupChecksum(g, "x");
  const ck = performance.now() - t;
  console.log(`plan ${all.toFixed(0)} ms for ${gs.length} customers, ${gs.reduce((s: number, g: { data: unknown[] }) => s + g.data.length, 0)} data rows; checksum alone ${ck.toFixed(0)} ms`);
}
