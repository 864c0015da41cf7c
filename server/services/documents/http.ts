import "server-only";
import { DomainError } from "@/server/domain/errors";
import { translate, type Locale } from "@/components/i18n/translate";
import { UploadRefused } from "./documents";

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, OUT_OF_SCOPE: 403, NOT_FOUND: 404, ILLEGAL_TRANSITION: 409 };

/** Translated, detail-free answers for the document routes; unknown failures are logged, never shown. */
export function documentFailure(e: unknown, locale: Locale): Response {
  if (e instanceof UploadRefused) {
    const params = "params" in e.problem ? e.problem.params : undefined;
    return Response.json({ error: e.problem.reason, field: "file", message: translate(locale, e.problem.reason, params) }, { status: e.problem.reason === "document.err.tooLarge" ? 413 : 400 });
  }
  if (e instanceof DomainError && STATUS[e.code]) return Response.json({ error: e.code, message: translate(locale, `error.${e.code}`) }, { status: STATUS[e.code] });
  console.error("document route failed", e);
  return Response.json({ error: "INTERNAL", message: translate(locale, "error.INTERNAL", { ref: "-" }) }, { status: 500 });
}
