import "server-only";
import { getDb } from "@/db/client";
import { getParameter } from "@/server/data/parameters";
import { cronMatches } from "@/server/domain/admin/cron";
import { PARAMETER_DEFS } from "@/server/domain/admin/parameters";
import { isDomainError } from "@/server/domain/errors";
import { startSync } from "@/server/services/sync/start-sync";
import { sourceFromEnv } from "./sync";

const g = globalThis as unknown as { __crpSyncSchedule?: NodeJS.Timeout; __crpSyncLastMinute?: string };

/**
 * The built-in schedule for the single-machine setup: once a minute, reads the `sync.schedule` parameter
 * (enabled + cron, UTC) and starts an incremental sync when the minute matches. Several instances are safe:
 * the advisory lock lets only one run go, the others are refused (BUSY).
 */
export function startSyncSchedule(): boolean {
  if (g.__crpSyncSchedule || process.env.SYNC_SCHEDULE === "0" || !sourceFromEnv()) return false;
  g.__crpSyncSchedule = setInterval(() => void tick(new Date()), 60_000);
  g.__crpSyncSchedule.unref();
  return true;
}

export async function tick(now: Date): Promise<void> {
  const minute = now.toISOString().slice(0, 16);
  if (g.__crpSyncLastMinute === minute) return;
  g.__crpSyncLastMinute = minute;
  try {
    const schedule = await getParameter<{ enabled: boolean; cron: string }>(getDb(), "sync.schedule", PARAMETER_DEFS["sync.schedule"].fallback);
    if (!schedule.enabled || !cronMatches(schedule.cron, now)) return;
    await startSync({ mode: "incremental", trigger: "schedule", actor: { username: "schedule" } });
  } catch (e) {
    if (!(isDomainError(e) && e.code === "BUSY")) console.error("[sync schedule]", e);
  }
}
