import type { ReactNode } from "react";
import { requirePagePermission } from "@/server/auth/guards";
import { getLocale } from "@/server/i18n/locale";
import { AppShell } from "@/components/shell/app-shell";

export const dynamic = "force-dynamic";

/** The separate admin area. Pages below check their own permission too. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requirePagePermission("admin.access", "/admin");
  return <AppShell user={user} area="admin" locale={await getLocale()}>{children}</AppShell>;
}
