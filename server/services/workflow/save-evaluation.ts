import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { findApplication } from "@/server/data/workflow";
import { DomainError } from "@/server/domain/errors";
import type { CurrentUser } from "@/server/auth/session";
import { applyTransition } from "./apply-transition";
import { assertOverrideReason } from "./override-reasons";

export const saveEvaluationInput = z
  .object({
    applicationId: z.uuid(),
    expectedVersion: z.number().int(),
    grade: z.string().regex(/^(AAA|AA|A|BBB|BB|B|CCC|CC|C)$/, "workflow.invalidGrade"),
    overrideReasonCode: z.string().max(10).optional(),
    overrideReason: z.string().trim().max(1000).optional(),
    directOpinion: z.string().trim().min(2, "validation.required").max(4000, "validation.tooLong"),
    conclusionApprove: z.boolean({ message: "validation.required" }),
    creditRiskOpinion: z.string().trim().min(2, "validation.required").max(4000, "validation.tooLong"),
    suggestedGrade: z.string().regex(/^(AAA|AA|A|BBB|BB|B|CCC|CC|C)$/, "workflow.invalidGrade"),
  })
  .strict();

/**
 * Direct evaluation (直接评价) and preliminary conclusion (初步结论): keep or adjust the system grade within the
 * rater's notch limit (an adjustment needs a reason code and text), the opinion, approve or not, the credit-risk
 * opinion and the suggested grade.
 */
export async function saveEvaluation(actor: CurrentUser, raw: z.input<typeof saveEvaluationInput>) {
  const input = saveEvaluationInput.parse(raw);
  const app = await findApplication(getDb(), input.applicationId);
  if (!app) throw new DomainError("NOT_FOUND");
  if (app.systemGrade && input.grade !== app.systemGrade && (!input.overrideReasonCode || !input.overrideReason || input.overrideReason.length < 5)) {
    throw new DomainError("VALIDATION", "override reason", {
      fields: [
        ...(!input.overrideReasonCode ? [{ path: "overrideReasonCode", message: "validation.required" }] : []),
        ...(!input.overrideReason || input.overrideReason.length < 5 ? [{ path: "overrideReason", message: "workflow.reasonRequired" }] : []),
      ],
    });
  }
  const adjusted = input.grade !== app.systemGrade;
  if (adjusted) await assertOverrideReason(getDb(), input.overrideReasonCode!, "overrideReasonCode");
  const fields = {
    raterGrade: input.grade,
    overrideReasonCode: adjusted ? input.overrideReasonCode! : null,
    overrideReason: adjusted ? input.overrideReason! : null,
    directOpinion: input.directOpinion,
    conclusionApprove: input.conclusionApprove,
    creditRiskOpinion: input.creditRiskOpinion,
    suggestedGrade: input.suggestedGrade,
  };
  const changes = Object.entries(fields)
    .filter(([k, v]) => (app as Record<string, unknown>)[k] !== v)
    .map(([field, newValue]) => ({ field, oldValue: (app as Record<string, unknown>)[field], newValue }));
  const updated = await applyTransition(actor, input, {
    event: { type: "evaluate", grade: input.grade, hasConclusion: true },
    patch: { ...fields, wizardStep: "conclusion" },
    changes,
    audit: "rating.evaluate",
  });
  return { version: updated.version };
}
