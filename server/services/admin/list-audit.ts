import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { auditFacets, listAudit, type AuditQuery } from "@/server/data/audit-log";
import { actionMatcher, auditTimeRange, type AuditFilter, type listAuditInput } from "@/server/domain/audit/audit-query";

export function toAuditQuery(f: AuditFilter): AuditQuery {
  return { user: f.user, action: f.action ? actionMatcher(f.action) : undefined, entityType: f.entityType, entityId: f.entityId, ...auditTimeRange(f) };
}

export async function listAuditForAdmin(input: z.output<typeof listAuditInput>) {
  const { rows, total } = await listAudit(getDb(), toAuditQuery(input.filter), input);
  return { rows, total, page: input.page, pageSize: input.pageSize };
}

export async function getAuditFacets() {
  return auditFacets(getDb());
}
