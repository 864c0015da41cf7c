import type { ReactNode } from "react";
import { getT } from "@/server/i18n/locale";
import { LanguageSwitch } from "@/components/ui/language-switch";

export const dynamic = "force-dynamic";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = await getT();
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-br from-brand-900 to-brand-700">
      <header className="flex items-center justify-between px-6 py-4 text-white">
        <div className="flex items-center gap-2 font-semibold">
          <span aria-hidden className="inline-block h-6 w-6 rounded bg-white/90" />
          {t("app.bank")} · {t("app.name")}
        </div>
        <div className="[&_button]:text-white [&_button:hover]:bg-white/10">
          <LanguageSwitch signedIn={false} />
        </div>
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pb-12 pt-8 sm:pt-16">{children}</main>
    </div>
  );
}
