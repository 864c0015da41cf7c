import type { Metadata } from "next";
import type { ReactNode } from "react";
import "@fontsource-variable/inter";
import "@fontsource/noto-sans-sc/400.css";
import "@fontsource/noto-sans-sc/600.css";
import "./globals.css";
import { getLocale } from "@/server/i18n/locale";
import { I18nProvider } from "@/components/i18n/provider";
import { TrpcReactProvider } from "@/components/trpc/client";
import { translate } from "@/components/i18n/translate";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await getLocale();
  return { title: { default: translate(locale, "app.name"), template: `%s · ${translate(locale, "app.name")}` } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body>
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
          {translate(locale, "app.skipToContent")}
        </a>
        <I18nProvider locale={locale}>
          <TrpcReactProvider>{children}</TrpcReactProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
