/**
 * Scoring throughput of the corporate PD model in one process (issue 4: target >= 1,000,000 customers/s).
 *
 *   npx tsx bench/scoring.ts            # 1,000,000 synthetic corporates
 *   BENCH_CUSTOMERS=200000 npx tsx bench/scoring.ts
 *
 * Prints plain lines:
 *   scoring.rate          the object API, one full rating with explanation per customer
 *   scoring.batch.pack    stage 1 of the compiled path: ratios, facts and cap flags into a Float64Array
 *   scoring.batch.score   stage 2: scoring the packed rows (bins, weights, logistic link, caps, grade)
 *   scoring.batch         both stages together
 * Inputs are generated before timing (a pool of distinct synthetic corporates, cycled), so generation is not
 * measured; the grade distribution of the pool is printed as a sanity check.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compileModel } from "@/server/domain/scoring/batch";
import { CORPORATE_PD_MODEL } from "@/server/domain/scoring/default-models/corporate-pd";
import { rate } from "@/server/domain/scoring/engine";
import { DEFAULT_MASTER_SCALE } from "@/server/domain/scoring/master-scale";
import type { RatingInput } from "@/server/domain/scoring/rating-types";
import { seededRandom, syntheticCorporate } from "@/server/domain/scoring/synthetic-inputs";

const POOL_SIZE = 50_000;

function formatRate(count: number, milliseconds: number): string {
  return `${Math.round((count / milliseconds) * 1000).toLocaleString("en-US")} customers/s`;
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const customers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
  const random = seededRandom(42);
  const pool: RatingInput[] = Array.from({ length: Math.min(POOL_SIZE, customers) }, () => syntheticCorporate(random));
  const model = CORPORATE_PD_MODEL;
  const scale = DEFAULT_MASTER_SCALE;

  // Warm up both paths so the JIT has compiled them before timing.
  const compiled = compileModel(model, scale);
  const warmRows = compiled.createRows(pool.length);
  const warmScores = compiled.createScores(pool.length);
  for (let i = 0; i < pool.length; i++) {
    rate(model, scale, pool[i]);
    compiled.packInput(pool[i], warmRows, i);
  }
  compiled.scoreRows(warmRows, pool.length, warmScores);

  let checksum = 0;
  const rateMs = timed(() => {
    for (let i = 0; i < customers; i++) checksum += rate(model, scale, pool[i % pool.length]).pd;
  });

  const rows = compiled.createRows(customers);
  const scores = compiled.createScores(customers);
  const packMs = timed(() => {
    for (let i = 0; i < customers; i++) compiled.packInput(pool[i % pool.length], rows, i);
  });
  const scoreMs = timed(() => compiled.scoreRows(rows, customers, scores));
  for (let i = 0; i < customers; i++) checksum -= scores.pd[i];

  const distribution = compiled.grades
    .map((grade, g) => `${grade} ${((scores.gradeIndex.filter((x) => x === g).length / customers) * 100).toFixed(1)}%`)
    .join(", ");
  console.log(`scoring.customers: ${customers.toLocaleString("en-US")} synthetic corporates (${pool.length.toLocaleString("en-US")} distinct), model ${model.key} v${model.version}`);
  console.log(`scoring.rate: ${formatRate(customers, rateMs)}`);
  console.log(`scoring.batch.pack: ${formatRate(customers, packMs)}`);
  console.log(`scoring.batch.score: ${formatRate(customers, scoreMs)}`);
  console.log(`scoring.batch: ${formatRate(customers, packMs + scoreMs)}`);
  console.log(`scoring.grades: ${distribution}`);
  // rate() and the batch path must agree; a non-zero difference would mean the benchmark measured different work.
  console.log(`scoring.check: sum of PD differences rate - batch = ${checksum.toExponential(2)}`);
  console.log(`scoring.peak_rss: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
