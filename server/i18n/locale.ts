import "server-only";
import { cookies, headers } from "next/headers";
import { isLocale, LOCALE_COOKIE, translate, type Locale } from "@/components/i18n/translate";

/** The request's locale: the cookie (set on sign-in from the user's saved choice, and by the switch), else the browser's. */
export async function getLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  const accept = (await headers()).get("accept-language") ?? "";
  return /^en\b/i.test(accept.trim()) ? "en" : "zh";
}

export async function getT() {
  const locale = await getLocale();
  return { locale, t: (key: string, params?: Record<string, string | number>) => translate(locale, key, params) };
}
