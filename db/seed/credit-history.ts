import { creditHistory } from "../schema";
import type { Tx } from "../client";
import { ANCHOR_DATE, addDays, centsToString, rngFor, type Rng } from "./prng";
import type { SeededCustomer } from "./customers";

/** Credit bureau snapshot date of the demo book. */
export const CREDIT_HISTORY_AS_OF = "2026-09-30";

function poisson(rng: Rng, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.float();
  while (p > limit) {
    k++;
    p *= rng.float();
  }
  return k;
}

/**
 * One snapshot per customer, worse for lower latent quality. `existingDebtCents`: the borrowings of the latest
 * balance sheet for organisations, the declared total debt for individuals.
 */
export async function seedCreditHistory(tx: Tx, list: { customer: SeededCustomer; existingDebtCents: number }[]): Promise<number> {
  const rows = list.map(({ customer, existingDebtCents }) => {
    const rng = rngFor(`credit:${customer.code}`);
    const q = customer.quality;
    let overdues = poisson(rng, 5 * (1 - q) ** 3);
    let defaults = q < 0.05 ? rng.int(1, 2) : q < 0.12 ? (rng.chance(0.4) ? 1 : 0) : q < 0.25 && rng.chance(0.05) ? 1 : 0;
    if (defaults > 0) overdues = Math.max(overdues, defaults + 1);
    let worst = 0;
    if (overdues > 0) worst = rng.pick(q < 0.1 ? [90, 120, 180, 360] : q < 0.3 ? [30, 45, 60, 90] : [3, 7, 15, 30]);
    if (defaults > 0) worst = Math.max(worst, 90);
    else defaults = 0;
    const organisation = customer.type !== "individual";
    return {
      customerId: customer.id,
      asOf: CREDIT_HISTORY_AS_OF,
      overdueCount24m: overdues,
      worstDaysPastDue24m: worst,
      defaultsEver: defaults,
      lastDefaultOn: defaults > 0 ? addDays(ANCHOR_DATE, -rng.int(90, 1500)) : null,
      existingDebt: centsToString(Math.max(0, existingDebtCents)),
      lenders: existingDebtCents <= 0 ? 0 : organisation ? rng.int(1, customer.type === "corporate" ? 12 : 4) : rng.int(1, 4),
    };
  });
  for (let i = 0; i < rows.length; i += 500) await tx.insert(creditHistory).values(rows.slice(i, i + 500));
  return rows.length;
}
