import { getCurrentUser } from "@/server/auth/session";
import { openDocument } from "@/server/services/documents/documents";
import { documentFailure } from "@/server/services/documents/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /api/files/:id -> the document as an attachment, only for people who may read its application. The type
 * sent is the one detected at upload; nosniff and a sandboxing CSP keep a browser from running it as a page.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  const { id } = await params;
  if (!UUID.test(id)) return Response.json({ error: "NOT_FOUND" }, { status: 404 });
  try {
    const doc = await openDocument(user, id);
    const ascii = doc.fileName.replace(/[^\x20-\x7e]/g, "_");
    return new Response(new Uint8Array(doc.bytes), {
      headers: {
        "Content-Type": doc.mimeType,
        "Content-Length": String(doc.bytes.length),
        "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return documentFailure(e, user.locale);
  }
}
