import "server-only";
import { getDbHandle } from "@/db/client";
import { launchInBackground } from "@/server/jobs/launcher";
import { runSync, sourceFromEnv, type SyncMode, type SyncOptions, type SyncTrigger } from "@/server/jobs/sync";
import { DomainError } from "@/server/domain/errors";

/**
 * Starts a sync in the background and answers with its run id as soon as the run is registered (the cron
 * route, the admin "Sync now" button and the built-in schedule). A run already going: DomainError("BUSY").
 */
export async function startSync(input: { mode: SyncMode; trigger: SyncTrigger; actor?: SyncOptions["actor"] }): Promise<{ runId: number }> {
  if (!sourceFromEnv()) throw new DomainError("VALIDATION", "sync.err.noSource");
  return new Promise((resolve, reject) => {
    let started = false;
    launchInBackground(() =>
      runSync({ handle: getDbHandle(), mode: input.mode, trigger: input.trigger, userId: input.actor?.userId ?? null, actor: input.actor, onStarted: (runId) => { started = true; resolve({ runId }); } }).catch((e) => {
        if (!started) reject(e);
        else console.error("[sync]", e);
      }),
    );
  });
}
