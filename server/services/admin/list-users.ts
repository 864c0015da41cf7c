import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { listUsers } from "@/server/data/admin-users";
import type { listUsersInput } from "@/server/domain/admin/users";

export async function listUsersForAdmin(input: z.output<typeof listUsersInput>) {
  const { rows, total } = await listUsers(getDb(), input);
  return {
    rows: rows.map(({ lockedAt, ...r }) => ({ ...r, locked: lockedAt !== null })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
