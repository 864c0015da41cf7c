import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { getDb } from "@/db/client";
import { findSessionUser } from "@/server/data/users";
import { isApplicantRole, type Role } from "@/server/domain/authz/roles";
import { authOptions } from "./options";

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  isApplicant: boolean;
  locale: "zh" | "en";
  institutionId: number | null;
  institutionPath: string | null;
  institutionCode: string | null;
  institutionName: { zh: string; en: string } | null;
}

/** Loads the signed-in user from the database; null when the token is stale, the user inactive or locked. */
export async function loadCurrentUser(userId: string | undefined, sessionVersion: number | undefined): Promise<CurrentUser | null> {
  if (!userId) return null;
  const row = await findSessionUser(getDb(), userId);
  if (!row || row.status !== "active" || row.lockedAt || row.sessionVersion !== sessionVersion) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    isApplicant: isApplicantRole(row.role),
    locale: row.locale,
    institutionId: row.institutionId,
    institutionPath: row.institutionPath,
    institutionCode: row.institutionCode,
    institutionName: row.institutionNameZh ? { zh: row.institutionNameZh, en: row.institutionNameEn ?? row.institutionNameZh } : null,
  };
}

/** The current user for server components, route handlers and the tRPC context (once per request). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: string; sv?: number } | null;
  if (!session) return null;
  return loadCurrentUser(session.uid, session.sv);
});
