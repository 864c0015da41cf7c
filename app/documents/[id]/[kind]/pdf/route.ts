import { getCurrentUser } from "@/server/auth/session";
import { getApplication } from "@/server/services/workflow/get-application";
import { renderRatingPdf, type PdfKind } from "@/server/services/documents/rating-pdf";
import { documentFailure } from "@/server/services/documents/http";
import { isLocale, translate } from "@/components/i18n/translate";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const KINDS: PdfKind[] = ["preliminary", "report", "notice"];

/**
 * GET /documents/:id/:kind/pdf[?lang=zh|en] -> the printable document as a PDF. Same rules as the page: staff in
 * scope get all three (report and notice once final); the applicant only the notice, only once final.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; kind: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  const { id, kind } = await params;
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(lang) ? lang : user.locale;
  const notFound = () => Response.json({ error: "NOT_FOUND", message: translate(locale, "error.NOT_FOUND") }, { status: 404 });
  if (!(KINDS as string[]).includes(kind) || !/^[0-9a-f-]{36}$/i.test(id)) return notFound();
  try {
    const app = await getApplication(user, id);
    if (kind !== "notice" && !app.internal) return notFound();
    if ((kind === "notice" || kind === "report") && app.status !== "approved") return notFound();
    const t = (key: string, p?: Record<string, string | number>) => translate(locale, key, p);
    const pdf = await renderRatingPdf(app, kind as PdfKind, t, locale);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${app.reference}-${kind}-${locale}.pdf"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return documentFailure(e, locale);
  }
}
