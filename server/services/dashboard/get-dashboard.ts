import "server-only";
import { getDb } from "@/db/client";
import { countApplicationsInScope, listQueue } from "@/server/data/applications";
import { recentRatingsBy, throughputOf } from "@/server/data/dashboard";
import { portfolioSummary } from "@/server/data/portfolio";
import { DomainError } from "@/server/domain/errors";
import { CHAIN_ROLES } from "@/server/domain/authz/roles";
import type { CurrentUser } from "@/server/auth/session";

export type DashboardKind = "rater" | "approver" | "portfolio";

/** The home page per role: raters their queue and recent ratings; chain roles their queue and throughput; others the portfolio. */
export function dashboardKind(role: string): DashboardKind {
  if (role === "rater") return "rater";
  if ((CHAIN_ROLES as readonly string[]).includes(role)) return "approver";
  return "portfolio";
}

export async function getDashboard(actor: CurrentUser, now: Date = new Date()) {
  if (!actor.institutionPath || !actor.institutionId) throw new DomainError("FORBIDDEN");
  const db = getDb();
  const kind = dashboardKind(actor.role);
  const [portfolio, byStatus, queue] = await Promise.all([
    portfolioSummary(db, actor.institutionPath),
    countApplicationsInScope(db, actor.institutionPath),
    listQueue(db, { role: actor.role, institutionId: actor.institutionId, institutionPath: actor.institutionPath, userId: actor.id }),
  ]);
  const inProgress = (byStatus.draft ?? 0) + (byStatus.system_rated ?? 0) + (byStatus.submitted ?? 0) + (byStatus.in_review ?? 0) + (byStatus.returned ?? 0);
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const recent = kind === "rater" ? await recentRatingsBy(db, actor.id) : [];
  const throughput = kind === "approver" ? await throughputOf(db, actor.id, since) : [];
  return {
    kind,
    portfolio,
    inProgress,
    todoCount: queue.length,
    queue: queue.slice(0, 10).map((q) => ({ id: q.id, reference: q.reference, status: q.status, customerName: q.customerName, stageEnteredAt: q.stageEnteredAt?.toISOString() ?? null })),
    recent,
    throughput,
  };
}
