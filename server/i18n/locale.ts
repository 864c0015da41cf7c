import "server-only";
import { cookies, headers } from "next/headers";
import { isLocale, LOCALE_COOKIE, translate, type Locale } from "@/components/i18n/translate";
import { getCurrentUser } from "@/server/auth/session";

/**
 * The request's locale: a signed-in user's saved choice (remembered per user), else the cookie set by the
 * language switch, else the browser's preference, else Chinese.
 */
export async function getLocale(): Promise<Locale> {
  const user = await getCurrentUser().catch(() => null);
  if (user) return user.locale;
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  const accept = (await headers()).get("accept-language") ?? "";
  return /^en\b/i.test(accept.trim()) ? "en" : "zh";
}

export async function getT() {
  const locale = await getLocale();
  return { locale, t: (key: string, params?: Record<string, string | number>) => translate(locale, key, params) };
}
