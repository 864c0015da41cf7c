import "server-only";
import { z } from "zod";
import { createApplication } from "@/server/services/workflow/create-application";
import { getApplication, getApplicationHistory } from "@/server/services/workflow/get-application";
import { saveInputs, saveInputsInput } from "@/server/services/workflow/save-inputs";
import { runSystemRating, runSystemRatingInput } from "@/server/services/workflow/run-system-rating";
import { saveEvaluation, saveEvaluationInput } from "@/server/services/workflow/save-evaluation";
import { actInput, actOnApplication } from "@/server/services/workflow/act-on-application";
import { listApplications, listApplicationsInput } from "@/server/services/workflow/list-applications";
import { regradeInput, regradeRating } from "@/server/services/workflow/regrade-rating";
import { listDocuments } from "@/server/services/documents/documents";
import { authedProcedure, permissionProcedure, router } from "../trpc";
import { can } from "@/server/domain/authz/permissions";
import { DomainError } from "@/server/domain/errors";

/** Applicants and staff share these procedures; the state machine decides what each may do on each record. */
const workflowProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!can(ctx.user.role, "rating.read") && !can(ctx.user.role, "portal.apply")) throw new DomainError("FORBIDDEN");
  return next();
});

export const applicationsRouter = router({
  create: workflowProcedure.input(z.object({ customerId: z.uuid() })).mutation(({ ctx, input }) => {
    if (!can(ctx.user.role, "rating.create") && !can(ctx.user.role, "portal.apply")) throw new DomainError("FORBIDDEN");
    return createApplication(ctx.user, input.customerId);
  }),
  get: workflowProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getApplication(ctx.user, input.id)),
  documents: workflowProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => listDocuments(ctx.user, input.id)),
  history: permissionProcedure("rating.read").input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getApplicationHistory(ctx.user, input.id)),
  list: permissionProcedure("rating.read").input(listApplicationsInput).query(({ ctx, input }) => listApplications(ctx.user, input)),
  saveInputs: workflowProcedure.input(saveInputsInput).mutation(({ ctx, input }) => saveInputs(ctx.user, input)),
  runSystemRating: permissionProcedure("rating.create").input(runSystemRatingInput).mutation(({ ctx, input }) => runSystemRating(ctx.user, input)),
  saveEvaluation: permissionProcedure("rating.create").input(saveEvaluationInput).mutation(({ ctx, input }) => saveEvaluation(ctx.user, input)),
  act: workflowProcedure.input(actInput).mutation(({ ctx, input }) => actOnApplication(ctx.user, input)),
  regrade: permissionProcedure("rating.regrade").input(regradeInput).mutation(({ ctx, input }) => regradeRating(ctx.user, input)),
});
