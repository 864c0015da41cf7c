import "server-only";
import type { CurrentUser } from "@/server/auth/session";
import type { AuditEntry } from "@/server/data/audit";

/** Who is acting, from where: every admin service takes it and writes it into the audit row. */
export interface AdminContext {
  actor: CurrentUser;
  ip: string | null;
  /** Injected by tests; the services use the clock otherwise. */
  now?: Date;
}

export function auditBy(ctx: AdminContext, entry: Omit<AuditEntry, "userId" | "username" | "role" | "institutionId" | "ip">): AuditEntry {
  return {
    userId: ctx.actor.id,
    username: ctx.actor.username,
    role: ctx.actor.role,
    institutionId: ctx.actor.institutionId,
    ip: ctx.ip,
    ...entry,
  };
}
