import "server-only";
import { z } from "zod";
import { DIMENSIONS, drillInput, migrationInput, statsFilterInput } from "@/server/domain/statistics/filters";
import * as stats from "@/server/services/statistics/statistics";
import { permissionProcedure, router } from "../trpc";

/** Statistics: every procedure needs stats.read and is limited to the caller's institution subtree in the service. */
export const statisticsRouter = router({
  options: permissionProcedure("stats.read").query(({ ctx }) => stats.filterOptions(ctx.user)),
  counts: permissionProcedure("stats.read")
    .input(z.object({ filter: statsFilterInput, dimension: z.enum(DIMENSIONS) }))
    .query(({ ctx, input }) => stats.countsFor(ctx.user, input.filter, input.dimension)),
  quarterly: permissionProcedure("stats.read").input(z.object({ filter: statsFilterInput })).query(({ ctx, input }) => stats.quarterly(ctx.user, input.filter)),
  migration: permissionProcedure("stats.read").input(migrationInput).query(({ ctx, input }) => stats.migration(ctx.user, input.filter, input.fromDate, input.toDate)),
  pipeline: permissionProcedure("stats.read").input(z.object({ filter: statsFilterInput })).query(({ ctx, input }) => stats.pipeline(ctx.user, input.filter)),
  overrides: permissionProcedure("stats.read")
    .input(z.object({ filter: statsFilterInput, by: z.enum(["rater", "institution", "model", "notches"]) }))
    .query(({ ctx, input }) => stats.overrides(ctx.user, input.filter, input.by)),
  ratings: permissionProcedure("stats.read").input(drillInput).query(({ ctx, input }) => stats.listRatings(ctx.user, input)),
});
