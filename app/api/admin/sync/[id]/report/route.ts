import { requireApiPermission } from "@/server/auth/guards";
import { syncReportCsv } from "@/server/services/sync/sync-runs";
import { translate } from "@/components/i18n/translate";
import { isDomainError } from "@/server/domain/errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/admin/sync/<id>/report -> the run's rejected rows (key, field, reason) as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireApiPermission("admin.sync", `/api/admin/sync/${id}/report`);
  if (user instanceof Response) return user;
  if (!/^\d{1,12}$/.test(id)) return Response.json({ error: "NOT_FOUND" }, { status: 404 });
  try {
    const { fileName, body } = await syncReportCsv(Number(id), (k) => translate(user.locale, k));
    return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" } });
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND") return Response.json({ error: "NOT_FOUND" }, { status: 404 });
    console.error("sync report failed", e);
    return Response.json({ error: "INTERNAL" }, { status: 500 });
  }
}
