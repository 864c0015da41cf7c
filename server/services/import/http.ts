import "server-only";
import { requireApiPermission } from "@/server/auth/guards";
import type { CurrentUser } from "@/server/auth/session";
import { DomainError } from "@/server/domain/errors";
import { translate, type Locale } from "@/components/i18n/translate";
import { WorkbookError } from "./workbook";

/** A filled template is a few hundred KB; 10 MB leaves room while keeping a hostile upload cheap to refuse. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function fail(locale: Locale, status: number, reason: string, params?: Record<string, string | number>): Response {
  return Response.json({ error: reason, message: translate(locale, reason, params) }, { status });
}

/** Guard + upload reading shared by the import routes: permission, size before reading, one `file` field. */
export async function readImportUpload(request: Request, path: string): Promise<{ user: CurrentUser; bytes: Buffer; form: FormData } | Response> {
  const user = await requireApiPermission("customer.write", path);
  if (user instanceof Response) return user;
  if (user.isApplicant || !user.institutionPath) return fail(user.locale, 403, "error.FORBIDDEN");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) return fail(user.locale, 413, "import.err.tooBig", { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return fail(user.locale, 400, "import.err.noFile");
  }
  const file = form.get("file");
  if (!file || typeof file === "string") return fail(user.locale, 400, "import.err.noFile");
  if (file.size > MAX_UPLOAD_BYTES) return fail(user.locale, 413, "import.err.tooBig", { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
  return { user, bytes: Buffer.from(await file.arrayBuffer()), form };
}

/** Maps known failures to translated answers; anything else is logged and answered without details. */
export function importFailure(e: unknown, locale: Locale): Response {
  if (e instanceof WorkbookError) return fail(locale, 400, e.reason, e.params);
  if (e instanceof DomainError && e.code === "BUSY") return fail(locale, 409, "import.busy");
  if (e instanceof DomainError && (e.code === "FORBIDDEN" || e.code === "OUT_OF_SCOPE")) return fail(locale, 403, "error.FORBIDDEN");
  console.error("template import failed", e);
  return Response.json({ error: "INTERNAL" }, { status: 500 });
}
