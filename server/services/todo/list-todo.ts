import "server-only";
import { getDb } from "@/db/client";
import { listQueue, listRenewals } from "@/server/data/applications";
import { getParameter } from "@/server/data/parameters";
import { DomainError } from "@/server/domain/errors";
import type { CurrentUser } from "@/server/auth/session";

/** The user's to-do: applications waiting on them (with age) and, for raters, ratings due for annual review. */
export async function listTodo(actor: CurrentUser, now: Date = new Date()) {
  if (!actor.institutionId || !actor.institutionPath) throw new DomainError("FORBIDDEN");
  const db = getDb();
  const rows = await listQueue(db, { role: actor.role, institutionId: actor.institutionId, institutionPath: actor.institutionPath, userId: actor.id });
  const warningDays = await getParameter<number>(db, "rating.renewalWarningDays", 60, actor.institutionPath);
  const today = now.toISOString().slice(0, 10);
  const renewals = actor.role === "rater" ? await listRenewals(db, { userId: actor.id, today, days: Number(warningDays) }) : [];
  return {
    applications: rows.map((r) => ({ ...r, ageDays: r.stageEnteredAt ? Math.floor((now.getTime() - r.stageEnteredAt.getTime()) / 86_400_000) : 0 })),
    renewals: renewals.map((r) => ({ ...r, expired: r.expiresOn! < today })),
  };
}
