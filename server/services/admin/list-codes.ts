import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { listActiveCodes, listCodes } from "@/server/data/admin-code-lists";
import { HIERARCHICAL_LISTS, type listCodesInput } from "@/server/domain/admin/code-lists";

export async function listCodesForAdmin(input: z.output<typeof listCodesInput>) {
  const db = getDb();
  const [{ rows, total }, parents] = await Promise.all([
    listCodes(db, input),
    HIERARCHICAL_LISTS.includes(input.listType) ? listActiveCodes(db, input.listType) : Promise.resolve([]),
  ]);
  return { rows, total, page: input.page, pageSize: input.pageSize, parents };
}
