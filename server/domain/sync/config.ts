import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * How the customer-management system's three interfaces map onto our data. This is configuration, not code:
 * the built-in `DEMO_SYNC_CONFIG` matches the demo source (`npm run source:generate`); a bank points
 * `SYNC_CONFIG_FILE` at a JSON file of the same shape.
 */
const codeMap = z.object({
  /** source code -> our code */
  map: z.record(z.string(), z.string()).default({}),
  /** a source code that is not in `map` but is itself one of our codes is taken as is */
  passThrough: z.boolean().default(false),
});

const itemTarget = z.union([
  z.string().regex(/^[A-Z]{2}[0-9A-Z]{3,6}$/, "sync.config.itemCode"),
  z.object({ indicator: z.string().min(1).max(60) }),
]);

const formMap = z.object({
  /** our form: BS, IS, CF (numbers into financial_statements) or QL (text answers into qualitative_answers) */
  form: z.enum(["BS", "IS", "CF", "QL"]),
  /** ITEMCODE -> our line item code (BS/IS/CF) or { indicator } (QL) */
  items: z.record(z.string(), itemTarget),
  /** an ITEMCODE missing from `items`: reject the row (reported) or ignore it silently */
  unmappedItem: z.enum(["reject", "ignore"]).default("reject"),
});

export const syncConfigSchema = z
  .object({
    source: z
      .object({
        /** table or view names in the source database (schema-qualified allowed) */
        customerInfo: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/).default("cms_customer_info"),
        reportRecord: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/).default("cms_report_record"),
        reportData: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/).default("cms_report_data"),
        /** CSV file names inside the CSV folder */
        customerInfoFile: z.string().default("customer_info.csv"),
        reportRecordFile: z.string().default("report_record.csv"),
        reportDataFile: z.string().default("report_data.csv"),
      })
      .prefault({}),
    /** ORGCODE -> institution code */
    institutions: codeMap.prefault({}),
    /** TRADENO -> industry code (code list `industry`) */
    industries: codeMap.prefault({}),
    /** CTYPE -> customer type */
    customerTypes: z.record(z.string(), z.enum(["corporate", "sme", "public_institution", "individual"])),
    /** EMPTYPE (ENTTYPE) -> customer nature code (code list `customer_nature`) */
    natures: codeMap.prefault({}),
    /** FORMCODE -> form and its items */
    forms: z.record(z.string(), formMap),
    /** values of GROUPFLG meaning "group customer" */
    groupFlagTrue: z.array(z.string()).default(["1", "Y"]),
    /** customers per transaction: a batch is written whole or not at all */
    batchCustomers: z.number().int().min(1).max(20_000).default(1_000),
  })
  .strict();

export type SyncConfig = z.output<typeof syncConfigSchema>;
export type SyncConfigInput = z.input<typeof syncConfigSchema>;

export function parseSyncConfig(input: unknown): SyncConfig {
  return syncConfigSchema.parse(input);
}

/** A short hash of the mapping: part of every customer's checksum, so a changed mapping rewrites what it changes. */
export function configHash(c: SyncConfig): string {
  const { batchCustomers: _b, source: _s, ...mapping } = c;
  return createHash("sha1").update(stableJson(mapping)).digest("hex").slice(0, 12);
}

export function stableJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(",")}}`;
}

/**
 * The demo source's codes (a typical Chinese bank CMS): forms ZCFZB (balance sheet), LRB (income), XJLLB (cash
 * flow), DXZB (qualitative); item codes per form; CTYPE 01-04; EMPTYPE as in the bank's enterprise-type list.
 */
export const DEMO_ITEMS = {
  ZCFZB: {
    form: "BS",
    items: {
      ZC01: "BS001", ZC02: "BS002", ZC03: "BS003", ZC04: "BS101", ZC05: "BS004", ZC06: "BS005", ZC07: "BS006", ZC08: "BS102",
      ZC09: "BS007", FZ01: "BS008", FZ02: "BS009", FZ03: "BS103", FZ04: "BS010", FZ05: "BS011", FZ06: "BS012", FZ07: "BS104",
      FZ08: "BS013", QY01: "BS105", QY02: "BS106", QY03: "BS014",
    },
  },
  LRB: { form: "IS", items: { LR01: "IS001", LR02: "IS002", LR03: "IS101", LR04: "IS003", LR05: "IS004", LR06: "IS005", LR07: "IS102", LR08: "IS006" } },
  XJLLB: { form: "CF", items: { XJ01: "CF001", XJ02: "CF002", XJ03: "CF003", XJ04: "CF101", XJ05: "CF102" } },
  DXZB: {
    form: "QL",
    items: { DX01: { indicator: "ql_management" }, DX02: { indicator: "ql_industry_outlook" }, DX03: { indicator: "ql_market_position" }, DX04: { indicator: "ql_credit_history" } },
  },
} as const;

export const DEMO_SYNC_CONFIG: SyncConfig = parseSyncConfig({
  institutions: { map: { "1000": "HO", "1100": "BJ", "1101": "BJ01", "1102": "BJ02", "3100": "SH", "3101": "SH01", "3102": "SH02", "4400": "GD", "4401": "GD01", "4402": "GD02", "5100": "SC", "5101": "SC01", "5102": "SC02" } },
  industries: { map: { C13: "13", C26: "26", C27: "27", C36: "36", C39: "39", D44: "44", E47: "47", E48: "48", E49: "49", E50: "50", F51: "51", F52: "52", G54: "54", G55: "55", G59: "59", I63: "63", I64: "64", I65: "65", K70: "70" }, passThrough: true },
  customerTypes: { "01": "corporate", "02": "sme", "03": "public_institution", "04": "individual" },
  natures: { map: { "110": "state_owned", "120": "collective", "170": "private", "300": "foreign", "200": "hmt", "160": "joint_stock", "910": "public", "950": "individual", "900": "other" } },
  forms: DEMO_ITEMS,
});

/**
 * The reference data a plan depends on (institutions, code lists, users): part of the raw-hash salt, so a change
 * there makes a full re-run read every customer again instead of skipping it.
 */
export function referenceHash(ref: { institutions: Map<string, { id: number; regionCode: string }>; industries: Set<string>; natures: Set<string>; users: Map<string, string> }): string {
  const sorted = <T,>(xs: Iterable<T>) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return createHash("sha1")
    .update(stableJson({ i: sorted(ref.institutions), d: sorted(ref.industries), n: sorted(ref.natures), u: sorted(ref.users) }))
    .digest("hex")
    .slice(0, 12);
}
