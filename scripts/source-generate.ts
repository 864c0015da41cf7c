/**
 * `npm run source:generate -- --customers N [--csv dir] [--pg url] [--seed s]`: writes the demo customer-management
 * system (three interfaces) as CSV files and/or PostgreSQL tables (cms_customer_info, cms_report_record,
 * cms_report_data). Default: `--csv .data/cms-source` when neither is given.
 */
import path from "node:path";
import { generateCmsSource, writeCsvSource, writePgSource } from "../db/seed/cms-source";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const customers = Number(arg("customers") ?? 1000);
  if (!Number.isInteger(customers) || customers < 1) throw new Error("--customers must be a positive integer");
  const seed = arg("seed");
  let csv = arg("csv");
  const pg = arg("pg");
  if (!csv && !pg) csv = path.join(process.cwd(), ".data", "cms-source");
  const t0 = performance.now();
  if (csv) {
    const c = await writeCsvSource(csv, generateCmsSource({ customers, seed }));
    console.log(`csv ${csv}: ${c.customers} customers, ${c.records} report records, ${c.data} report data rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (pg) {
    const t1 = performance.now();
    const c = await writePgSource(pg, generateCmsSource({ customers, seed }));
    console.log(`postgres ${new URL(pg).pathname.slice(1)}: ${c.customers} customers, ${c.records} report records, ${c.data} report data rows in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
