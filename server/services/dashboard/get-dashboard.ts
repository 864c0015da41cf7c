import "server-only";
import { getDb } from "@/db/client";
import { countApplicationsInScope, listQueue } from "@/server/data/applications";
import { portfolioSummary } from "@/server/data/portfolio";
import { DomainError } from "@/server/domain/errors";
import type { CurrentUser } from "@/server/auth/session";

export async function getDashboard(actor: CurrentUser) {
  if (!actor.institutionPath || !actor.institutionId) throw new DomainError("FORBIDDEN");
  const db = getDb();
  const [portfolio, byStatus, queue] = await Promise.all([
    portfolioSummary(db, actor.institutionPath),
    countApplicationsInScope(db, actor.institutionPath),
    listQueue(db, { role: actor.role, institutionId: actor.institutionId, institutionPath: actor.institutionPath, userId: actor.id }),
  ]);
  const inProgress = (byStatus.draft ?? 0) + (byStatus.system_rated ?? 0) + (byStatus.submitted ?? 0) + (byStatus.in_review ?? 0) + (byStatus.returned ?? 0);
  return { portfolio, inProgress, todoCount: queue.length };
}
