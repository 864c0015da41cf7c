import "server-only";
import { getCurrentUser } from "@/server/auth/session";
import { localeFromHeaders, type TrpcContext } from "./trpc";

export async function createContext(headers: Headers): Promise<TrpcContext> {
  const ip = headers.get("x-forwarded-for")?.split(",")[0].trim() ?? headers.get("x-real-ip") ?? null;
  const user = await getCurrentUser();
  return { user, locale: user?.locale ?? localeFromHeaders(headers), ip };
}
