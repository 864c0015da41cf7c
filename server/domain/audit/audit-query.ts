import { z } from "zod";

/**
 * Filters of the audit log viewer and its Excel export (one schema for both, so the export holds exactly
 * what the screen shows). Dates are calendar days in the bank's time zone (China Standard Time, UTC+8, no
 * daylight saving); `to` is inclusive.
 */
export const BANK_UTC_OFFSET_MINUTES = 8 * 60;

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "admin.audit.error.date")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "admin.audit.error.date");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : undefined));

export const auditFilterInput = z
  .object({
    user: optionalText(64),
    /** Exact action, or a family ending in `.*` (`admin.*`). */
    action: optionalText(100),
    entityType: optionalText(64),
    entityId: optionalText(200),
    from: day.optional().or(z.literal("").transform(() => undefined)),
    to: day.optional().or(z.literal("").transform(() => undefined)),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "admin.audit.error.range" });
  });
export type AuditFilterInput = z.input<typeof auditFilterInput>;
export type AuditFilter = z.output<typeof auditFilterInput>;

export const listAuditInput = z.object({
  filter: auditFilterInput.prefault({}),
  dir: z.enum(["desc", "asc"]).default("desc"),
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export type ListAuditInput = z.input<typeof listAuditInput>;

/** Start of a bank calendar day as a UTC instant. */
export function bankDayStart(day: string, offsetMinutes = BANK_UTC_OFFSET_MINUTES): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000);
}

/** The half-open instant range [from, to) of the filter's days. */
export function auditTimeRange(f: Pick<AuditFilter, "from" | "to">): { from?: Date; to?: Date } {
  return {
    from: f.from ? bankDayStart(f.from) : undefined,
    to: f.to ? new Date(bankDayStart(f.to).getTime() + 24 * 3600_000) : undefined,
  };
}

/** `admin.*` -> prefix `admin.`; anything else is an exact action. */
export function actionMatcher(action: string): { exact: string } | { prefix: string } {
  return action.endsWith(".*") ? { prefix: action.slice(0, -1) } : { exact: action };
}

/** Query-string form of a filter, for the export link (the route parses it with the same schema). */
export function filterToSearchParams(f: AuditFilterInput): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (typeof v === "string" && v) p.set(k, v);
  return p;
}

/** `YYYY-MM-DD HH:mm:ss` in the bank's time zone, for exports read by people (the header says UTC+8). */
export function formatBankTime(at: Date, offsetMinutes = BANK_UTC_OFFSET_MINUTES): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19).replace("T", " ");
}
