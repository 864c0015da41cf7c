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

/**
 * Guard for route handlers (exports, streams): answers 401 / 403 itself, and audits a refusal like the page
 * and procedure guards do. Returns the user when allowed.
 */
export async function requireApiPermission(permission: Permission, path: string): Promise<CurrentUser | Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  if (!can(user.role, permission)) {
    await recordDenied(user, permission, path);
    return Response.json({ error: "FORBIDDEN" }, { status: 403 });
  }
  return user;
}
