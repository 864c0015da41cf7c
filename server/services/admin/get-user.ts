import "server-only";
import { getDb } from "@/db/client";
import { findUserDetail } from "@/server/data/admin-users";
import { DomainError } from "@/server/domain/errors";

export async function getUserForAdmin(id: string) {
  const row = await findUserDetail(getDb(), id);
  if (!row) throw new DomainError("NOT_FOUND");
  const { lockedAt, sessionVersion: _sv, ...rest } = row;
  return { ...rest, lockedAt, locked: lockedAt !== null };
}
