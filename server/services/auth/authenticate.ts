import "server-only";
import { getDb } from "@/db/client";
import { findLoginUser, recordFailedLogin, recordSuccessfulLogin } from "@/server/data/users";
import { getParameter } from "@/server/data/parameters";
import { appendAudit } from "@/server/data/audit";
import { dummyPasswordHash, verifyPassword } from "@/server/auth/password";
import type { Role } from "@/server/domain/authz/roles";

export type LoginFailure = "INVALID_CREDENTIALS" | "ACCOUNT_LOCKED" | "ACCOUNT_DISABLED";

export class LoginError extends Error {
  constructor(readonly reason: LoginFailure) {
    super(reason);
  }
}

export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  locale: "zh" | "en";
  sessionVersion: number;
}

export const DEFAULT_MAX_FAILED_LOGINS = 5;

/**
 * Checks a login. An unknown user and a wrong password get the same answer after the same work (a hash is
 * verified either way); a locked account says so, since the user must ask an admin to unlock it.
 */
export async function authenticate(login: string, password: string, ctx: { ip?: string | null; now?: Date } = {}): Promise<AuthenticatedUser> {
  const db = getDb();
  const now = ctx.now ?? new Date();
  const user = await findLoginUser(db, login);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const base = { username: login.slice(0, 64), ip: ctx.ip ?? null };

  if (!user) {
    await db.transaction((tx) => appendAudit(tx, { ...base, action: "auth.login_failed", after: { reason: "unknown_user" } }, now));
    throw new LoginError("INVALID_CREDENTIALS");
  }
  const who = { ...base, userId: user.id, username: user.username, role: user.role, institutionId: user.institutionId };
  if (user.lockedAt) {
    await db.transaction((tx) => appendAudit(tx, { ...who, action: "auth.login_failed", after: { reason: "locked" } }, now));
    throw new LoginError("ACCOUNT_LOCKED");
  }
  if (!ok) {
    const max = await getParameter(db, "auth.maxFailedLogins", DEFAULT_MAX_FAILED_LOGINS);
    const locked = await db.transaction(async (tx) => {
      const after = await recordFailedLogin(tx, user.id, max, now);
      const nowLocked = Boolean(after?.lockedAt);
      await appendAudit(tx, { ...who, action: nowLocked ? "auth.account_locked" : "auth.login_failed", after: { reason: "bad_password", failedLoginCount: after?.failedLoginCount } }, now);
      return nowLocked;
    });
    throw new LoginError(locked ? "ACCOUNT_LOCKED" : "INVALID_CREDENTIALS");
  }
  if (user.status !== "active") {
    await db.transaction((tx) => appendAudit(tx, { ...who, action: "auth.login_failed", after: { reason: "inactive" } }, now));
    throw new LoginError("ACCOUNT_DISABLED");
  }
  await db.transaction(async (tx) => {
    await recordSuccessfulLogin(tx, user.id, now);
    await appendAudit(tx, { ...who, action: "auth.login" }, now);
  });
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    sessionVersion: user.sessionVersion,
  };
}
