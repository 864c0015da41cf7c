import { z } from "zod";
import { requireApiPermission } from "@/server/auth/guards";
import { requestIp } from "@/server/api/request-ip";
import { verifyAuditChain } from "@/server/services/admin/verify-audit-chain";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const body = z.object({
  anchor: z.object({ id: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});

/**
 * POST /api/admin/audit/verify {anchor?} -> newline-delimited JSON: progress lines while the chain is checked
 * page by page, then one result line (intact with rows checked and the latest hash, or the first broken link).
 */
export async function POST(request: Request) {
  const user = await requireApiPermission("admin.audit", "/api/admin/audit/verify");
  if (user instanceof Response) return user;
  const parsed = body.safeParse(await request.json().catch(() => ({})));
  if (!parsed.success) return Response.json({ error: "VALIDATION" }, { status: 400 });
  const events = verifyAuditChain({ actor: user, ip: requestIp(request.headers) }, { anchor: parsed.data.anchor });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      } catch (e) {
        console.error("audit verification failed", e);
        controller.enqueue(encoder.encode(`${JSON.stringify({ type: "error" })}\n`));
        controller.close();
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
}
