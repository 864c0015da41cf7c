/**
 * Runs once when the server starts: applies pending migrations (same SQL on PGlite and PostgreSQL), so a
 * plain `next start` against an empty database works. PGlite is opened here, in the only process using it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./db/client");
  const { runMigrations } = await import("./db/migrate");
  const handle = getDbHandle();
  // A production app role does not own the schema and may not migrate it (README, Administration): the owner
  // runs `npm run db:migrate` beforehand and the app starts with MIGRATE_ON_START=0.
  if (process.env.MIGRATE_ON_START === "0") {
    console.log(`database ready (${handle.kind}, migrations left to the schema owner)`);
  } else {
    await runMigrations(handle);
    console.log(`database ready (${handle.kind})`);
  }
  // batch re-ratings a crash or restart left half done carry on from their cursor
  const { resumeInterruptedJobsOnStart } = await import("./server/jobs/resume-on-start");
  resumeInterruptedJobsOnStart();
  // the built-in customer-system sync schedule (parameter sync.schedule), when a source is configured
  const { startSyncSchedule } = await import("./server/jobs/sync-schedule");
  if (startSyncSchedule()) console.log("customer-system sync schedule started");
  // the statistics pre-aggregates: periods whose ratings changed are rebuilt every STATS_REFRESH_SECONDS
  const { startStatsRefresh, refreshIntervalSeconds } = await import("./server/jobs/stats-refresh");
  if (startStatsRefresh()) console.log(`statistics pre-aggregates refreshed every ${refreshIntervalSeconds()} s`);
}
