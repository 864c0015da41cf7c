import { en } from "./en";
import { zh, type MessageKey } from "./zh";

export type Locale = "zh" | "en";
export const LOCALES: Locale[] = ["zh", "en"];
export const LOCALE_COOKIE = "locale";
export type { MessageKey };

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { zh, en };

export function isLocale(v: unknown): v is Locale {
  return v === "zh" || v === "en";
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zh;
}

/** Looks a key up and fills `{name}` placeholders; an unknown key is returned as is (visible, never blank). */
export function translate(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const text = isMessageKey(key) ? dictionaries[locale][key] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
