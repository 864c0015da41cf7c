import { requireApiPermission } from "@/server/auth/guards";
import { DomainError } from "@/server/domain/errors";
import { exportStatistics, parseExportParams } from "@/server/services/statistics/export-statistics";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/exports/statistics?kind=counts|quarterly|migration|pipeline|overrides|ratings&<filter>&... -> streamed .xlsx */
export async function GET(request: Request) {
  const user = await requireApiPermission("stats.export", "/api/exports/statistics");
  if (user instanceof Response) return user;
  const parsed = parseExportParams(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed) return Response.json({ error: "VALIDATION" }, { status: 400 });
  try {
    const { stream, fileName } = await exportStatistics(user, parsed.request, parsed.filter, user.locale);
    return new Response(stream, {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === "FORBIDDEN") return Response.json({ error: "FORBIDDEN" }, { status: 403 });
    console.error("statistics export failed", e);
    return Response.json({ error: "INTERNAL" }, { status: 500 });
  }
}
