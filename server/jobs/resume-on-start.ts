import "server-only";
import { getDb, type Db } from "@/db/client";
import { interruptedReratingJobIds, RERATING_STALE_SECONDS } from "@/server/data/rerating";
import { launchInBackground } from "./launcher";
import { runReratingJob } from "./rerating";

/**
 * Picks up batch re-ratings that a crashed or restarted server left half done, so nobody has to press *Resume*.
 * Runs once at start and once more after the stale limit (a job whose heartbeat was fresh at the crash only
 * becomes claimable then). Claiming is atomic, so several app instances starting together resume a job once.
 */
export async function resumeInterruptedJobs(db: Db = getDb(), now = new Date()): Promise<number[]> {
  const ids = await interruptedReratingJobIds(db, now);
  for (const id of ids) launchInBackground(() => runReratingJob(id, { db }));
  return ids;
}

export function resumeInterruptedJobsOnStart() {
  const run = () => resumeInterruptedJobs().catch((e) => console.error("[resume on start]", e instanceof Error ? e.message : e));
  void run();
  setTimeout(run, (RERATING_STALE_SECONDS + 1) * 1000).unref();
}
