import { qualitativeAnswers } from "../schema";
import type { Tx } from "../client";
import { requiredInputs, type ModelDefinition } from "../../server/domain/scoring";
import { STATEMENT_PERIODS } from "./statements";
import { clamp, rngFor, type Rng } from "./prng";
import type { SeededCustomer } from "./customers";

/** Facts the bank derives from its own records (credit history, master data): never typed in as answers. */
const DERIVED_FACTS = new Set(["overdue_count_24m", "worst_overdue_days_24m", "defaults_24m", "existing_debt_balance", "age", "years_in_business", "annual_income"]);

type Indicator = ModelDefinition["indicators"][number];

/** Position in [0,1) on a best-to-worst ladder for a customer of latent quality q (1 best), with noise. */
function ladderPosition(rng: Rng, q: number): number {
  return clamp(1 - q + (rng.float() - 0.5) * 0.35, 0, 0.9999);
}

/** Answer codes ordered best first by the points the model gives them (sign of the coefficient for PD models). */
function optionsBestFirst(ind: Indicator): string[] {
  const sign = (ind.coefficient ?? 1) >= 0 ? 1 : -1;
  return [...(ind.options ?? [])].sort((a, b) => sign * (b.value - a.value)).map((o) => o.code);
}

/** A number inside a bin chosen by quality, so numeric facts agree with the customer's profile. */
function numberByQuality(rng: Rng, ind: Indicator, q: number): number {
  const bins = ind.bins ?? [];
  const sign = (ind.coefficient ?? 1) >= 0 ? 1 : -1;
  const ranked = bins.map((b, i) => ({ i, value: b.value })).sort((a, b) => sign * (b.value - a.value));
  const pick = ranked[Math.floor(ladderPosition(rng, q) * ranked.length)].i;
  const lower = pick === 0 ? 0 : (bins[pick - 1].lt ?? 0);
  const upper = bins[pick].lt ?? Math.max(lower * 1.6, lower + 12);
  const v = lower + rng.float() * Math.max(0, upper - lower) * 0.98;
  return Math.max(0, Number.isInteger(lower) && Number.isInteger(upper) ? Math.floor(v) : Math.round(v * 100) / 100);
}

export function answersFor(customer: SeededCustomer, model: ModelDefinition, period: string): Record<string, string> {
  const rng = rngFor(`answers:${customer.code}:${period}`);
  const answers: Record<string, string> = {};
  for (const fact of requiredInputs(model).facts) {
    if (DERIVED_FACTS.has(fact.key)) continue;
    const ind = model.indicators.find((i) => i.fact === fact.key);
    if (!ind) continue;
    if (fact.kind === "choice") {
      const ladder = optionsBestFirst(ind);
      answers[fact.key] = ladder[Math.floor(ladderPosition(rng, customer.quality) * ladder.length)];
    } else {
      answers[fact.key] = String(numberByQuality(rng, ind, customer.quality));
    }
  }
  return answers;
}

/** Qualitative answers (and individuals' scorecard facts) for every customer and statement period. */
export async function seedQualitativeAnswers(tx: Tx, list: SeededCustomer[], modelFor: (c: SeededCustomer) => ModelDefinition): Promise<number> {
  const rows: (typeof qualitativeAnswers.$inferInsert)[] = [];
  for (const c of list) {
    for (const period of STATEMENT_PERIODS) {
      for (const [indicatorKey, answer] of Object.entries(answersFor(c, modelFor(c), period))) {
        rows.push({ customerId: c.id, period, indicatorKey, answer, source: "seed" });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(qualitativeAnswers).values(rows.slice(i, i + 1000));
  return rows.length;
}
