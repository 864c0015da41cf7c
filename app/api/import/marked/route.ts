import { markedWorkbook } from "@/server/services/import/import-customers";
import { importFailure, readImportUpload, XLSX_TYPE } from "@/server/services/import/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /api/import/marked (multipart `file`) -> the same workbook with error cells marked and an Errors sheet. */
export async function POST(request: Request) {
  const upload = await readImportUpload(request, "/api/import/marked");
  if (upload instanceof Response) return upload;
  try {
    const bytes = await markedWorkbook(upload.user, upload.bytes, upload.user.locale);
    return new Response(new Uint8Array(bytes), {
      headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="credit-data-errors.xlsx"`, "Cache-Control": "no-store" },
    });
  } catch (e) {
    return importFailure(e, upload.user.locale);
  }
}
