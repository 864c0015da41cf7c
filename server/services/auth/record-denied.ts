import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import type { CurrentUser } from "@/server/auth/session";

/** Permission and scope refusals are security events: audited in their own transaction. */
export async function recordDenied(user: CurrentUser | null, what: string, target: string): Promise<void> {
  try {
    await getDb().transaction((tx) =>
      appendAudit(tx, {
        userId: user?.id ?? null,
        username: user?.username ?? null,
        role: user?.role ?? null,
        institutionId: user?.institutionId ?? null,
        action: "security.permission_denied",
        entityType: "resource",
        entityId: target.slice(0, 200),
        after: { required: what },
      }),
    );
  } catch (e) {
    console.error("could not audit a refusal", e);
  }
}
