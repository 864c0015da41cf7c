import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { queryApplications } from "@/server/data/application-query";
import { DomainError } from "@/server/domain/errors";
import type { CurrentUser } from "@/server/auth/session";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const listApplicationsInput = z.object({
  q: z.string().trim().max(100).optional(),
  industryCode: z.string().max(10).optional(),
  type: z.enum(["corporate", "sme", "public_institution", "individual"]).optional(),
  institutionId: z.number().int().positive().optional(),
  grade: z.string().max(4).optional(),
  status: z.enum(["draft", "system_rated", "submitted", "in_review", "returned", "approved", "rejected", "withdrawn"]).optional(),
  from: date.optional(),
  to: date.optional(),
  sort: z.enum(["reference", "customer", "status", "grade", "created", "decided"]).default("created"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
});

export async function listApplications(actor: CurrentUser, input: z.output<typeof listApplicationsInput>) {
  if (!actor.institutionPath || actor.isApplicant) throw new DomainError("FORBIDDEN");
  const r = await queryApplications(getDb(), { ...input, scopePath: actor.institutionPath });
  return { ...r, page: input.page, pageSize: input.pageSize };
}
