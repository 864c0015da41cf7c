import type { ReactNode } from "react";
import { requireSignedIn } from "@/server/auth/guards";
import { getLocale } from "@/server/i18n/locale";
import { AppShell } from "@/components/shell/app-shell";

export const dynamic = "force-dynamic";

/** Frame only: each page checks its own permission (a layout is not a security boundary). */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const user = await requireSignedIn("/dashboard");
  return <AppShell user={user} area="staff" locale={await getLocale()}>{children}</AppShell>;
}
