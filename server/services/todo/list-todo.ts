import "server-only";
import { getDb } from "@/db/client";
import { listQueue } from "@/server/data/applications";
import { DomainError } from "@/server/domain/errors";
import type { CurrentUser } from "@/server/auth/session";

export async function listTodo(actor: CurrentUser, now: Date = new Date()) {
  if (!actor.institutionId) throw new DomainError("FORBIDDEN");
  const rows = await listQueue(getDb(), { role: actor.role, institutionId: actor.institutionId, userId: actor.id });
  return rows.map((r) => ({ ...r, ageDays: r.stageEnteredAt ? Math.floor((now.getTime() - r.stageEnteredAt.getTime()) / 86_400_000) : 0 }));
}
