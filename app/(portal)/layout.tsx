import type { ReactNode } from "react";
import { requireSignedIn } from "@/server/auth/guards";
import { getLocale } from "@/server/i18n/locale";
import { AppShell } from "@/components/shell/app-shell";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireSignedIn("/portal");
  return <AppShell user={user} area="portal" locale={await getLocale()}>{children}</AppShell>;
}
