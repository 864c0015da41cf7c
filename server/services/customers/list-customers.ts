import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { listCustomers } from "@/server/data/customers";
import { DomainError } from "@/server/domain/errors";
import type { CurrentUser } from "@/server/auth/session";

export const listCustomersInput = z.object({
  q: z.string().trim().max(100).optional(),
  type: z.enum(["corporate", "sme", "public_institution", "individual"]).optional(),
  industryCode: z.string().max(10).optional(),
  regionCode: z.string().max(12).optional(),
  institutionId: z.number().int().positive().optional(),
  grade: z.string().max(4).optional(),
  sort: z.enum(["code", "name", "type", "grade", "institution", "expires"]).default("code"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
});
export type ListCustomersInput = z.input<typeof listCustomersInput>;

export async function listCustomersForActor(actor: CurrentUser, input: z.output<typeof listCustomersInput>) {
  const scope = actor.isApplicant
    ? ({ kind: "applicant", userId: actor.id } as const)
    : actor.institutionPath
      ? ({ kind: "subtree", path: actor.institutionPath } as const)
      : null;
  if (!scope) throw new DomainError("FORBIDDEN");
  const { rows, total } = await listCustomers(getDb(), { ...input, scope });
  return { rows, total, page: input.page, pageSize: input.pageSize };
}
