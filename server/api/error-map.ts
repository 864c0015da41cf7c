import "server-only";
import { randomUUID } from "node:crypto";
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { ZodError } from "zod";
import { isDomainError, type DomainErrorCode } from "@/server/domain/errors";
import { isMessageKey, translate, type Locale } from "@/components/i18n/translate";

const TRPC_CODES: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  OUT_OF_SCOPE: "FORBIDDEN",
  SEGREGATION_OF_DUTIES: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  VALIDATION: "BAD_REQUEST",
  INVALID_ADJUSTMENT: "BAD_REQUEST",
  INVALID_MODEL: "BAD_REQUEST",
  INVALID_FORMULA: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  STALE_VERSION: "CONFLICT",
  ALREADY_HANDLED: "CONFLICT",
  ILLEGAL_TRANSITION: "CONFLICT",
  ACCOUNT_LOCKED: "FORBIDDEN",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  BUSY: "CONFLICT",
};

export function toTrpcError(e: unknown): TRPCError {
  if (e instanceof TRPCError) return e;
  if (isDomainError(e)) return new TRPCError({ code: TRPC_CODES[e.code], message: e.code, cause: e });
  const ref = randomUUID().slice(0, 8);
  // Details stay in the server log; the client sees only the reference.
  console.error(`[error ${ref}]`, e);
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `INTERNAL:${ref}` });
}

export interface ClientErrorData {
  domainCode: DomainErrorCode | "INTERNAL" | "INPUT";
  fields: { path: string; message: string }[];
  ref?: string;
}

/** What the client sees: a translated message and translated field errors; never SQL, stacks or causes. */
export function formatError(error: TRPCError, locale: Locale): { message: string; data: ClientErrorData } {
  const cause = error.cause;
  if (isDomainError(cause)) {
    return {
      message: translate(locale, `error.${cause.code}`, cause.params),
      data: {
        domainCode: cause.code,
        fields: cause.fields.map((f) => ({ path: f.path, message: translate(locale, f.message, f.params) })),
      },
    };
  }
  if (cause instanceof ZodError) {
    return {
      message: translate(locale, "error.VALIDATION"),
      data: {
        domainCode: "INPUT",
        fields: cause.issues.map((i) => ({ path: i.path.join("."), message: translate(locale, isMessageKey(i.message) ? i.message : "validation.invalid") })),
      },
    };
  }
  if (error.code === "INTERNAL_SERVER_ERROR") {
    const ref = error.message.startsWith("INTERNAL:") ? error.message.slice(9) : randomUUID().slice(0, 8);
    if (!error.message.startsWith("INTERNAL:")) console.error(`[error ${ref}]`, error);
    return { message: translate(locale, "error.INTERNAL", { ref }), data: { domainCode: "INTERNAL", fields: [], ref } };
  }
  const known: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
    UNAUTHORIZED: "error.UNAUTHENTICATED",
    FORBIDDEN: "error.FORBIDDEN",
    NOT_FOUND: "error.NOT_FOUND",
    TOO_MANY_REQUESTS: "error.RATE_LIMITED",
  };
  return { message: translate(locale, known[error.code] ?? "error.VALIDATION"), data: { domainCode: "INPUT", fields: [] } };
}
