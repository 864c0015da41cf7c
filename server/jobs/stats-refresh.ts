import "server-only";
import { getDb } from "@/db/client";
import { refreshDirty, type RefreshResult } from "@/server/data/stats-rollup";

const g = globalThis as unknown as { __crpStatsRefresh?: NodeJS.Timeout; __crpStatsRefreshRunning?: boolean };

/** Seconds between two refreshes of the statistics pre-aggregates (STATS_REFRESH_SECONDS; 0 turns it off). */
export function refreshIntervalSeconds(): number {
  const v = Number(process.env.STATS_REFRESH_SECONDS ?? 60);
  return Number.isFinite(v) && v >= 0 ? v : 60;
}

/**
 * Rebuilds the periods whose ratings changed, at most one refresh at a time in this process (the advisory lock
 * makes it one across instances). Errors are logged, never thrown into the timer.
 */
export async function refreshStatsNow(): Promise<RefreshResult | null> {
  if (g.__crpStatsRefreshRunning) return null;
  g.__crpStatsRefreshRunning = true;
  try {
    return await refreshDirty(getDb(), new Date().toISOString().slice(0, 10));
  } catch (e) {
    console.error("[stats refresh]", e instanceof Error ? e.message : e);
    return null;
  } finally {
    g.__crpStatsRefreshRunning = false;
  }
}

/** The in-process schedule: one refresh at start, then every STATS_REFRESH_SECONDS. */
export function startStatsRefresh(): boolean {
  const seconds = refreshIntervalSeconds();
  if (g.__crpStatsRefresh || seconds === 0) return false;
  void refreshStatsNow();
  g.__crpStatsRefresh = setInterval(() => void refreshStatsNow(), seconds * 1000);
  g.__crpStatsRefresh.unref();
  return true;
}
