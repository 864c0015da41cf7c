import { checkImport } from "@/server/services/import/import-customers";
import { importFailure, readImportUpload } from "@/server/services/import/http";
import { translate } from "@/components/i18n/translate";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /api/import/check (multipart `file`) -> counts and every error by sheet, row, column; writes nothing. */
export async function POST(request: Request) {
  const upload = await readImportUpload(request, "/api/import/check");
  if (upload instanceof Response) return upload;
  try {
    const s = await checkImport(upload.user, upload.bytes);
    return Response.json({ ...s, errors: s.errors.map((e) => ({ sheet: e.sheet, row: e.row, column: e.column, field: e.field, reason: translate(upload.user.locale, e.reason, e.params) })) });
  } catch (e) {
    return importFailure(e, upload.user.locale);
  }
}
