import "server-only";
import { getDb } from "@/db/client";
import { listOwnApplications } from "@/server/data/applications";
import { listCustomers } from "@/server/data/customers";
import type { CurrentUser } from "@/server/auth/session";

export async function getPortalHome(actor: CurrentUser) {
  const db = getDb();
  const [{ rows }, applications] = await Promise.all([
    listCustomers(db, { scope: { kind: "applicant", userId: actor.id }, sort: "code", dir: "asc", page: 1, pageSize: 5 }),
    listOwnApplications(db, actor.id),
  ]);
  return { customers: rows, applications };
}
