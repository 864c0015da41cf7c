import { requestIp } from "@/server/api/request-ip";
import { importCustomers } from "@/server/services/import/import-customers";
import { importFailure, readImportUpload } from "@/server/services/import/http";
import { translate } from "@/components/i18n/translate";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST /api/import/commit (multipart `file`, `mode` = all | validOnly) -> validates again and imports in one
 * transaction: `all` writes nothing unless the whole file is valid; `validOnly` skips customers with errors.
 */
export async function POST(request: Request) {
  const upload = await readImportUpload(request, "/api/import/commit");
  if (upload instanceof Response) return upload;
  const mode = upload.form.get("mode") === "validOnly" ? "validOnly" : "all";
  try {
    const o = await importCustomers({ actor: upload.user, ip: requestIp(request.headers) }, upload.bytes, mode);
    return Response.json({ ...o, errors: o.errors.map((e) => ({ sheet: e.sheet, row: e.row, column: e.column, field: e.field, reason: translate(upload.user.locale, e.reason, e.params) })) });
  } catch (e) {
    return importFailure(e, upload.user.locale);
  }
}
