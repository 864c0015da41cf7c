import { requireApiPermission } from "@/server/auth/guards";
import { requestIp } from "@/server/api/request-ip";
import { exportAuditAnchor } from "@/server/services/admin/export-audit-anchor";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/exports/audit-anchor -> a small JSON file with the latest audit row's id, hash and time. */
export async function GET(request: Request) {
  const user = await requireApiPermission("admin.audit", "/api/exports/audit-anchor");
  if (user instanceof Response) return user;
  try {
    const anchor = await exportAuditAnchor({ actor: user, ip: requestIp(request.headers) });
    return new Response(`${JSON.stringify(anchor, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-anchor-${anchor.id}.json"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    console.error("anchor export failed", e);
    return Response.json({ error: "INTERNAL" }, { status: 500 });
  }
}
