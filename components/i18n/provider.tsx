"use client";
import { createContext, useCallback, useContext, type ReactNode } from "react";
import { translate, type Locale } from "./translate";

const LocaleContext = createContext<Locale>("zh");

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT() {
  const locale = useLocale();
  return useCallback((key: string, params?: Record<string, string | number>) => translate(locale, key, params), [locale]);
}
