import { timingSafeEqual, createHash } from "node:crypto";
import { startSync } from "@/server/services/sync/start-sync";
import { isDomainError } from "@/server/domain/errors";
import { requestIp } from "@/server/api/request-ip";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Bearer token check in constant time; without CRON_SECRET the route is closed. */
function authorized(request: Request): boolean {
  const secret = process.env.CRON_SECRET;
  if (!secret || secret.length < 16) return false;
  const m = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "");
  return !!m && timingSafeEqual(digest(m[1]), digest(secret));
}

/**
 * POST /api/cron/sync[?mode=full|incremental] for an external scheduler. 202 {runId} when started, 409 when a
 * run is going, 401 without the right bearer token. Other methods get 405 (Next.js). Never returns error details.
 */
export async function POST(request: Request) {
  if (!authorized(request)) return Response.json({ error: "UNAUTHORIZED" }, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  const mode = new URL(request.url).searchParams.get("mode") === "full" ? "full" : "incremental";
  try {
    const { runId } = await startSync({ mode, trigger: "cron", actor: { username: "cron", ip: requestIp(request.headers) } });
    return Response.json({ status: "started", runId, mode }, { status: 202 });
  } catch (e) {
    if (isDomainError(e) && e.code === "BUSY") return Response.json({ status: "busy", runId: e.params.runId ?? null }, { status: 409 });
    if (isDomainError(e) && e.code === "VALIDATION") return Response.json({ error: "NOT_CONFIGURED" }, { status: 503 });
    console.error("[cron sync]", e);
    return Response.json({ error: "INTERNAL" }, { status: 500 });
  }
}
