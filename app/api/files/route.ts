import { getCurrentUser } from "@/server/auth/session";
import { requestIp } from "@/server/api/request-ip";
import { uploadDocument, uploadLimits } from "@/server/services/documents/documents";
import { documentFailure } from "@/server/services/documents/http";
import { translate } from "@/components/i18n/translate";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** POST /api/files (multipart: applicationId, file) -> stores a supporting document after the content checks. */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  try {
    // refuse an oversize body from its declared length before reading it
    const { maxBytes } = await uploadLimits();
    if (Number(request.headers.get("content-length") ?? "0") > maxBytes + 64 * 1024) {
      const mb = (maxBytes / 1048576).toFixed(1);
      return Response.json({ error: "document.err.tooLarge", field: "file", message: translate(user.locale, "document.err.tooLarge", { mb }) }, { status: 413 });
    }
    const form = await request.formData().catch(() => null);
    const applicationId = form?.get("applicationId");
    const file = form?.get("file");
    if (typeof applicationId !== "string" || !UUID.test(applicationId)) return Response.json({ error: "NOT_FOUND", message: translate(user.locale, "error.NOT_FOUND") }, { status: 404 });
    if (!file || typeof file === "string") return Response.json({ error: "document.err.empty", field: "file", message: translate(user.locale, "document.err.empty") }, { status: 400 });
    const doc = await uploadDocument(user, { applicationId, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), ip: requestIp(request.headers) });
    return Response.json(doc, { status: 201 });
  } catch (e) {
    return documentFailure(e, user.locale);
  }
}
