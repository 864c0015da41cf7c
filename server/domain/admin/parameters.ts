import { z } from "zod";
import { DomainError, type FieldIssue } from "../errors";
import { CRON_FIELDS, cronProblems } from "./cron";

/**
 * The parameters admins maintain: each key with its scope, its schema (messages are i18n keys naming the
 * allowed range) and the default the readers fall back to. `institution` parameters may be set per
 * institution and are inherited down the tree unless set lower (server/data/parameters.ts getParameter).
 */
export const ESCALATION_GRADES = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C"] as const;
export const NOTCH_ROLES = ["rater", "reviewer", "risk_officer", "risk_reviewer", "approver"] as const;
export const UPLOAD_TYPES = [
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "image/tiff",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
] as const;

const notches = z.number({ message: "admin.parameters.error.notches" }).int("admin.parameters.error.notches").min(0, "admin.parameters.error.notches").max(5, "admin.parameters.error.notches");

export const PARAMETER_DEFS = {
  "escalation.grade": {
    scope: "institution",
    schema: z.enum(ESCALATION_GRADES, { message: "admin.parameters.error.grade" }),
    fallback: "AA",
  },
  "escalation.amount": {
    scope: "global",
    schema: z.number({ message: "admin.parameters.error.amount" }).int("admin.parameters.error.amount").min(1, "admin.parameters.error.amount").max(1e13, "admin.parameters.error.amount"),
    fallback: 50_000_000,
  },
  "override.maxNotches": {
    scope: "global",
    schema: z.object(Object.fromEntries(NOTCH_ROLES.map((r) => [r, notches])) as Record<(typeof NOTCH_ROLES)[number], typeof notches>).strict(),
    fallback: { rater: 2, reviewer: 1, risk_officer: 1, risk_reviewer: 1, approver: 2 },
  },
  "rating.validityMonths": {
    scope: "global",
    schema: z.number({ message: "admin.parameters.error.validityMonths" }).int("admin.parameters.error.validityMonths").min(1, "admin.parameters.error.validityMonths").max(60, "admin.parameters.error.validityMonths"),
    fallback: 12,
  },
  "upload.maxBytes": {
    scope: "global",
    schema: z.number({ message: "admin.parameters.error.maxBytes" }).int("admin.parameters.error.maxBytes").min(1024, "admin.parameters.error.maxBytes").max(104_857_600, "admin.parameters.error.maxBytes"),
    fallback: 10_485_760,
  },
  "upload.allowedTypes": {
    scope: "global",
    schema: z
      .array(z.enum(UPLOAD_TYPES, { message: "admin.parameters.error.uploadType" }))
      .min(1, "admin.parameters.error.allowedTypes")
      .refine((a) => new Set(a).size === a.length, "admin.parameters.error.allowedTypes"),
    fallback: ["application/pdf", "image/jpeg", "image/png"],
  },
  "sync.schedule": {
    scope: "global",
    schema: z
      .object({ enabled: z.boolean(), cron: z.string().trim().max(100, "validation.tooLong") })
      .strict()
      .superRefine((v, ctx) => {
        for (const p of cronProblems(v.cron)) ctx.addIssue({ code: "custom", path: ["cron"], message: `admin.parameters.error.cron.${p.field}` });
      }),
    fallback: { enabled: true, cron: "0 2 * * *" },
  },
} as const;

export type ParameterKey = keyof typeof PARAMETER_DEFS;
export const PARAMETER_KEYS = Object.keys(PARAMETER_DEFS) as ParameterKey[];
export type ParameterValue<K extends ParameterKey> = z.output<(typeof PARAMETER_DEFS)[K]["schema"]>;

export function isParameterKey(key: string): key is ParameterKey {
  return Object.hasOwn(PARAMETER_DEFS, key);
}

/** Keys of the cron field messages, exported so the dictionary test can check each one exists. */
export const CRON_MESSAGE_KEYS = ["expression", ...CRON_FIELDS].map((f) => `admin.parameters.error.cron.${f}`);

/**
 * Validates a value for a key (and whether the key may be set per institution); field paths start at `value`
 * (`value.cron`, `value.rater`) so the form can show each error at its input.
 */
export function validateParameter(key: string, value: unknown, institutionId: number | null): { key: ParameterKey; value: unknown } {
  if (!isParameterKey(key)) throw new DomainError("VALIDATION", "unknown parameter", { fields: [{ path: "key", message: "validation.invalid" }] });
  const def = PARAMETER_DEFS[key];
  if (institutionId !== null && def.scope !== "institution") {
    throw new DomainError("VALIDATION", "global parameter", { fields: [{ path: "institutionId", message: "admin.parameters.error.globalOnly" }] });
  }
  const parsed = (def.schema as z.ZodType).safeParse(value);
  if (!parsed.success) {
    const fields: FieldIssue[] = parsed.error.issues.map((i) => ({ path: ["value", ...i.path].join("."), message: i.message.startsWith("admin.") || i.message.startsWith("validation.") ? i.message : "validation.invalid" }));
    throw new DomainError("VALIDATION", "invalid parameter", { fields });
  }
  return { key, value: parsed.data };
}

export type ParameterSource = { kind: "own" } | { kind: "inherited"; institutionId: number } | { kind: "global" } | { kind: "default" };

/**
 * The effective value for an institution: its own, else the nearest ancestor's, else the global value, else
 * the default. `chain` is the institution's path as ids, root first, ending with the institution itself.
 */
export function resolveParameter<T>(chain: readonly number[], values: ReadonlyMap<number | null, T>, fallback: T): { value: T; source: ParameterSource } {
  for (let i = chain.length - 1; i >= 0; i--) {
    const id = chain[i];
    if (values.has(id)) return { value: values.get(id)!, source: i === chain.length - 1 ? { kind: "own" } : { kind: "inherited", institutionId: id } };
  }
  if (values.has(null)) return { value: values.get(null)!, source: { kind: "global" } };
  return { value: fallback, source: { kind: "default" } };
}

export function pathIds(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}
