import { requireApiPermission } from "@/server/auth/guards";
import { requestIp } from "@/server/api/request-ip";
import { exportAudit } from "@/server/services/admin/export-audit";
import { auditFilterInput } from "@/server/domain/audit/audit-query";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/exports/audit?user=&action=&entityType=&entityId=&from=&to= -> streamed .xlsx of the filtered log. */
export async function GET(request: Request) {
  const user = await requireApiPermission("admin.audit", "/api/exports/audit");
  if (user instanceof Response) return user;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = auditFilterInput.safeParse(params);
  if (!filter.success) return Response.json({ error: "VALIDATION", fields: filter.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) }, { status: 400 });
  try {
    const { stream, fileName } = await exportAudit({ actor: user, ip: requestIp(request.headers) }, filter.data, user.locale);
    return new Response(stream, {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    console.error("audit export failed", e);
    return Response.json({ error: "INTERNAL" }, { status: 500 });
  }
}
