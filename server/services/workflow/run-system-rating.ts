import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { loadRatingSources } from "@/server/data/rating-sources";
import { findApplication, insertResult, setSystemResult } from "@/server/data/workflow";
import { modelVersionById } from "@/server/data/models";
import { DomainError } from "@/server/domain/errors";
import { assembleRatingInput, previousPeriod } from "@/server/domain/rating-input/assemble";
import { rate } from "@/server/domain/scoring";
import type { CurrentUser } from "@/server/auth/session";
import { applyTransition } from "./apply-transition";
import type { ApplicationInputs } from "./create-application";

export const runSystemRatingInput = z.object({
  applicationId: z.uuid(),
  expectedVersion: z.number().int(),
  multipliers: z.record(z.string().max(60), z.number().finite()).optional(),
});

/**
 * Runs the application's model version on its inputs (plus the bank's credit history and master data) and
 * stores the result with its input snapshot and per-factor explanation. Weight multipliers outside what the
 * model allows are refused by the engine, never clamped.
 */
export async function runSystemRating(actor: CurrentUser, raw: z.input<typeof runSystemRatingInput>, now = new Date()) {
  const input = runSystemRatingInput.parse(raw);
  const db = getDb();
  const app = await findApplication(db, input.applicationId);
  if (!app || !app.modelVersionId) throw new DomainError("NOT_FOUND");
  const model = await modelVersionById(db, app.modelVersionId);
  if (!model) throw new DomainError("NOT_FOUND");
  const inputs = app.inputs as ApplicationInputs;
  const sources = (await loadRatingSources(db, [app.customerId])).get(app.customerId)!;
  const period = inputs.period ?? "0000-00";
  const ratingInput = assembleRatingInput({
    ...sources,
    statementsByPeriod: { [period]: inputs.statements.current, ...(Object.keys(inputs.statements.previous).length ? { [previousPeriod(period)]: inputs.statements.previous } : {}) },
    answers: inputs.answers,
    period,
    asOf: now.toISOString().slice(0, 10),
  });
  const adjustments = input.multipliers && Object.keys(input.multipliers).length ? { multipliers: input.multipliers } : undefined;
  const result = rate(model.definition, model.scale, ratingInput, adjustments);
  let resultId = 0;
  const updated = await applyTransition(actor, input, {
    event: { type: "rate", systemGrade: result.grade, riskLimit: result.limit.riskLimit },
    patch: {
      systemGrade: result.grade,
      raterGrade: null,
      proposedGrade: null,
      multipliers: input.multipliers ?? null,
      riskLimit: result.limit.riskLimit.toFixed(2),
      conclusionApprove: null,
      wizardStep: "system",
    },
    changes: [{ field: "systemRating", oldValue: app.systemGrade, newValue: result.grade }],
    audit: "rating.system_rating",
    after: async (tx, updatedApp) => {
      resultId = await insertResult(tx, {
        applicationId: updatedApp.id,
        customerId: app.customerId,
        kind: app.systemResultId ? "rerun" : "system",
        modelVersionId: model.versionId,
        modelKey: result.modelKey,
        modelVersion: result.modelVersion,
        inputsSnapshot: ratingInput,
        adjustments: adjustments ?? null,
        explanation: result,
        score: String(result.score),
        pd: result.pd.toFixed(8),
        modelGrade: result.modelGrade,
        grade: result.grade,
        debtCapacity: result.limit.debtCapacity.toFixed(2),
        riskLimit: result.limit.riskLimit.toFixed(2),
        createdBy: actor.id,
        createdAt: now,
      });
      await setSystemResult(tx, updatedApp.id, resultId);
    },
  });
  return { version: updated.version, resultId, grade: result.grade };
}
