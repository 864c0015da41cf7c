import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { latestAuditRow } from "@/server/data/audit-log";
import { auditBy, type AdminContext } from "./admin-context";

/**
 * The latest audit row's id, hash and time, to be kept outside the database (printed, mailed to the auditor,
 * stored on write-once media). Verifying later against it proves the chain up to that row was neither
 * rewritten nor cut back. The export is audited in the same transaction that reads the latest row, so the
 * anchor is the row just before the export's own audit row.
 */
export async function exportAuditAnchor(ctx: AdminContext) {
  const now = ctx.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const latest = await latestAuditRow(tx);
    const anchor = {
      kind: "credit-rating-audit-anchor",
      version: 1,
      id: latest?.id ?? 0,
      hash: latest?.hash ?? null,
      at: latest?.at.toISOString() ?? null,
      exportedAt: now.toISOString(),
      exportedBy: ctx.actor.username,
    };
    await appendAudit(tx, auditBy(ctx, { action: "admin.audit.anchor_export", entityType: "audit_log", entityId: String(anchor.id), after: { id: anchor.id, hash: anchor.hash } }), now);
    return anchor;
  });
}
