import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { customers, institutions, ratingResults, ratings, users } from "../schema";
import type { Tx } from "../client";
import { rate, type RatingAdjustments } from "../../server/domain/scoring";
import { assembleRatingInput } from "../../server/domain/rating-input/assemble";
import { loadRatingSources } from "../../server/data/rating-sources";
import type { SeededCustomer } from "./customers";
import type { SeededModel } from "./models";
import { STATEMENT_PERIODS, periodEnd } from "./statements";
import { addDays, rngFor } from "./prng";

const OVERRIDE_REASONS = ["OR01", "OR02", "OR03", "OR04", "OR05"];
const OVERRIDE_TEXT: Record<string, string> = {
  OR01: "行业前景未被模型充分反映 / industry outlook not captured by the model",
  OR02: "集团支持 / group support",
  OR03: "担保与抵押 / guarantee and collateral",
  OR04: "负面信息 / adverse information",
  OR05: "数据质量 / data quality",
};

function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The latest statement period whose accounts would be available 90 days after its end. */
function periodFor(ratedOn: string): string {
  let chosen: string = STATEMENT_PERIODS[0];
  for (const p of STATEMENT_PERIODS) if (addDays(periodEnd(p), 90) <= ratedOn) chosen = p;
  return chosen;
}

/**
 * Three annual ratings per bank customer (2024-2026): the engine on the statements available at each date, a
 * rater override on about one in eight, approval at the branch. Each rating keeps its input snapshot and
 * explanation (rating_results), so it can be re-derived exactly; the latest becomes the customer's current grade.
 */
export async function seedRatingHistory(tx: Tx, list: SeededCustomer[], modelFor: Map<string, SeededModel>): Promise<number> {
  const bankCustomers = list.filter((c) => !c.applicant);
  const sources = await loadRatingSources(tx, bankCustomers.map((c) => c.id));
  const masters = new Map(
    (await tx.select({ id: customers.id, institutionId: customers.institutionId, industryCode: customers.industryCode, regionCode: customers.regionCode, natureCode: customers.natureCode, managerUserId: customers.managerUserId }).from(customers)).map((m) => [m.id, m]),
  );
  const insts = await tx.select({ id: institutions.id, path: institutions.path }).from(institutions);
  const pathOf = new Map(insts.map((i) => [i.id, i.path]));
  const approvers = await tx.select({ id: users.id, institutionId: users.institutionId }).from(users).where(sql`${users.role} = 'approver'`);
  const approverAt = new Map(approvers.map((a) => [a.institutionId, a.id]));
  const approverFor = (institutionId: number) => {
    const ids = pathOf.get(institutionId)!.split("/").filter(Boolean).map(Number).reverse();
    for (const id of ids) if (approverAt.has(id)) return approverAt.get(id)!;
    return null;
  };

  const resultRows: (typeof ratingResults.$inferInsert)[] = [];
  const ratingRows: (typeof ratings.$inferInsert)[] = [];
  const current: { id: string; grade: string; ratingId: string; expires: string }[] = [];
  for (const c of bankCustomers) {
    const rng = rngFor(`ratings:${c.code}`);
    const model = modelFor.get(c.type)!;
    const src = sources.get(c.id)!;
    const m = masters.get(c.id)!;
    const latest = addDays("2025-11-01", rng.int(0, 348));
    const dates = [addDays(latest, -730 + rng.int(-30, 30)), addDays(latest, -365 + rng.int(-20, 20)), latest];
    let previousId: string | null = null;
    dates.forEach((ratedOn, idx) => {
      const period = periodFor(ratedOn);
      const input = assembleRatingInput({ ...src, period, asOf: ratedOn, answers: src.answersByPeriod[period] ?? {} });
      let adjustments: RatingAdjustments | undefined;
      let result = rate(model.definition, model.scale, input);
      if (rng.chance(0.12)) {
        const reasonCode = rng.pick(OVERRIDE_REASONS);
        const attempt: RatingAdjustments = { override: { notches: rng.pick([-1, 1]), reasonCode, reason: OVERRIDE_TEXT[reasonCode] } };
        try {
          result = rate(model.definition, model.scale, input, attempt);
          adjustments = attempt;
        } catch {
          // the override would leave the scale (e.g. above AAA): the rater keeps the system grade
        }
      }
      const ratingId = randomUUID();
      const isLatest = idx === dates.length - 1;
      const expiresOn = addMonths(ratedOn, 12);
      resultRows.push({
        customerId: c.id,
        kind: "history",
        modelVersionId: model.versionId,
        modelKey: result.modelKey,
        modelVersion: result.modelVersion,
        inputsSnapshot: input,
        adjustments: adjustments ?? null,
        explanation: result,
        score: String(result.score),
        pd: result.pd.toFixed(8),
        modelGrade: result.modelGrade,
        grade: result.grade,
        debtCapacity: result.limit.debtCapacity == null ? null : result.limit.debtCapacity.toFixed(2),
        riskLimit: result.limit.riskLimit == null ? null : result.limit.riskLimit.toFixed(2),
        createdBy: m.managerUserId,
        createdAt: new Date(`${ratedOn}T02:00:00Z`),
      });
      ratingRows.push({
        id: ratingId,
        customerId: c.id,
        previousRatingId: previousId,
        origin: "history",
        status: isLatest ? "effective" : "superseded",
        customerType: c.type,
        institutionId: m.institutionId,
        institutionPath: pathOf.get(m.institutionId)!,
        industryCode: m.industryCode,
        regionCode: m.regionCode,
        natureCode: m.natureCode,
        modelVersionId: model.versionId,
        modelKey: result.modelKey,
        systemGrade: result.cappedGrade,
        raterGrade: result.grade,
        grade: result.grade,
        pd: result.pd.toFixed(8),
        score: String(result.score),
        riskLimit: result.limit.riskLimit == null ? null : result.limit.riskLimit.toFixed(2),
        raterUserId: m.managerUserId,
        approvedBy: approverFor(m.institutionId),
        reason: adjustments?.override ? adjustments.override.reason : null,
        ratedOn,
        effectiveOn: ratedOn,
        expiresOn,
        createdAt: new Date(`${ratedOn}T02:00:00Z`),
      });
      if (isLatest) current.push({ id: c.id, grade: result.grade, ratingId, expires: expiresOn });
      previousId = ratingId;
    });
  }
  for (let i = 0; i < resultRows.length; i += 300) await tx.insert(ratingResults).values(resultRows.slice(i, i + 300));
  for (let i = 0; i < ratingRows.length; i += 500) await tx.insert(ratings).values(ratingRows.slice(i, i + 500));
  for (let i = 0; i < current.length; i += 500) {
    const values = sql.join(current.slice(i, i + 500).map((r) => sql`(${r.id}::uuid, ${r.grade}, ${r.ratingId}::uuid, ${r.expires}::date)`), sql`, `);
    await tx.execute(sql`update customers c set current_grade = v.grade, current_rating_id = v.rid, current_rating_expires_on = v.exp
      from (values ${values}) as v(id, grade, rid, exp) where c.id = v.id`);
  }
  return ratingRows.length;
}
