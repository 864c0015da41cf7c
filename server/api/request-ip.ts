import "server-only";

/** Client address as the proxy in front of the app reports it (audit rows record it). */
export function requestIp(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0].trim() ?? headers.get("x-real-ip") ?? null;
}
