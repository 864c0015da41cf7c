import { requireApiPermission } from "@/server/auth/guards";
import { downloadTemplate } from "@/server/services/import/import-customers";
import { importFailure, XLSX_TYPE } from "@/server/services/import/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/import/template -> the 信用数据报送 template with the user's institutions and code lists. */
export async function GET() {
  const user = await requireApiPermission("customer.write", "/api/import/template");
  if (user instanceof Response) return user;
  try {
    const bytes = await downloadTemplate(user, user.locale);
    return new Response(new Uint8Array(bytes), {
      headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="credit-data-template.xlsx"`, "Cache-Control": "no-store" },
    });
  } catch (e) {
    return importFailure(e, user.locale);
  }
}
