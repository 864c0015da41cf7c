import { z } from "zod";

/** The code lists admins maintain (table code_lists). */
export const CODE_LIST_TYPES = ["industry", "region", "customer_nature", "override_reason", "return_reason"] as const;
export type CodeListType = (typeof CODE_LIST_TYPES)[number];

/** Code formats per list: GB/T 4754 sections/divisions, GB/T 2260 six digits, snake_case natures, reason codes. */
export const CODE_FORMATS: Record<CodeListType, RegExp> = {
  industry: /^([A-T]|\d{2,4})$/,
  region: /^\d{6}$/,
  customer_nature: /^[a-z][a-z0-9_]{1,31}$/,
  override_reason: /^[A-Z]{2}\d{2}$/,
  return_reason: /^[A-Z]{2}\d{2}$/,
};

const name = z.string().trim().min(1, "validation.required").max(200, "validation.tooLong");
const parentCode = z
  .string()
  .trim()
  .max(16, "validation.tooLong")
  .nullish()
  .transform((v) => (v ? v : null));
const sortOrder = z.coerce.number({ message: "validation.invalid" }).int("validation.invalid").min(0, "validation.invalid").max(99_999, "validation.invalid");

export const createCodeInput = z
  .object({ listType: z.enum(CODE_LIST_TYPES), code: z.string().trim().min(1, "validation.required").max(16, "validation.tooLong"), nameZh: name, nameEn: name, parentCode, sortOrder: sortOrder.default(0) })
  .superRefine((v, ctx) => {
    if (!CODE_FORMATS[v.listType].test(v.code)) ctx.addIssue({ code: "custom", path: ["code"], message: `admin.codeLists.format.${v.listType}` });
    if (v.parentCode && v.parentCode === v.code) ctx.addIssue({ code: "custom", path: ["parentCode"], message: "admin.codeLists.error.parent" });
  });
export type CreateCodeInput = z.input<typeof createCodeInput>;

export const updateCodeInput = z
  .object({ listType: z.enum(CODE_LIST_TYPES), code: z.string().min(1).max(16), nameZh: name, nameEn: name, parentCode, sortOrder })
  .superRefine((v, ctx) => {
    if (v.parentCode && v.parentCode === v.code) ctx.addIssue({ code: "custom", path: ["parentCode"], message: "admin.codeLists.error.parent" });
  });
export type UpdateCodeInput = z.input<typeof updateCodeInput>;

export const setCodeActiveInput = z.object({ listType: z.enum(CODE_LIST_TYPES), code: z.string().min(1).max(16), active: z.boolean() });

export const listCodesInput = z.object({
  listType: z.enum(CODE_LIST_TYPES),
  q: z.string().trim().max(100).optional(),
  includeInactive: z.boolean().default(true),
  sort: z.enum(["code", "nameZh", "nameEn", "sortOrder"]).default("sortOrder"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export type ListCodesInput = z.input<typeof listCodesInput>;

/** Lists whose entries may have a parent in the same list (industry divisions, cities in provinces). */
export const HIERARCHICAL_LISTS: readonly CodeListType[] = ["industry", "region"];
