/**
 * Errors raised by domain logic and services. They carry a stable code that the API layer maps to a
 * transport status and a translated message in one place (server/api/error-map.ts). Domain code never
 * throws framework errors.
 */
export type DomainErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "OUT_OF_SCOPE"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "STALE_VERSION"
  | "ALREADY_HANDLED"
  | "SEGREGATION_OF_DUTIES"
  | "ILLEGAL_TRANSITION"
  | "INVALID_ADJUSTMENT"
  | "INVALID_MODEL"
  | "INVALID_FORMULA"
  | "ACCOUNT_LOCKED"
  | "RATE_LIMITED"
  | "BUSY";

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `indicators.3.bins.2.lt`. */
  path: string;
  /** Message key (see server/i18n) or plain text; the API layer translates keys. */
  message: string;
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fields: FieldIssue[];
  readonly params: Record<string, string | number>;

  constructor(code: DomainErrorCode, message?: string, opts?: { fields?: FieldIssue[]; params?: Record<string, string | number> }) {
    super(message ?? code);
    this.name = "DomainError";
    this.code = code;
    this.fields = opts?.fields ?? [];
    this.params = opts?.params ?? {};
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
