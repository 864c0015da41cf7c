import "server-only";
import { redirect, notFound } from "next/navigation";
import { can, type Permission } from "@/server/domain/authz/permissions";
import { getCurrentUser, type CurrentUser } from "./session";
import { recordDenied } from "@/server/services/auth/record-denied";

/**
 * Page guard: every page.tsx calls this (never only a layout). Unauthenticated users go to the login page;
 * a signed-in user without the permission gets a 403 page and an audit entry.
 */
export async function requirePagePermission(permission: Permission, path: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  if (!can(user.role, permission)) {
    await recordDenied(user, permission, path);
    redirect("/forbidden");
  }
  return user;
}

export async function requireSignedIn(path: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  return user;
}

export { notFound };
