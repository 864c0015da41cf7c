/**
 * Layout of the 信用数据报送 Excel template: one customer-information sheet and one statements sheet (one row per
 * customer x period, the SPEC line items as columns). The same layout builds the template and reads uploads, so
 * the two cannot drift apart.
 */
import { STATEMENT_ITEMS } from "@/components/customers/statement-items";

export const IMPORT_CUSTOMER_TYPES = ["corporate", "sme", "public_institution"] as const;
export type ImportCustomerType = (typeof IMPORT_CUSTOMER_TYPES)[number];

export const SHEETS = { customers: "Customers", statements: "Statements", instructions: "Instructions", lists: "Lists", errors: "Errors" } as const;

export interface ColumnSpec {
  key: string;
  /** message key of the header label */
  label: string;
  required: boolean;
  kind: "text" | "code" | "number" | "integer" | "date" | "period";
  /** name of the list on the Lists sheet that feeds the dropdown */
  list?: "types" | "institutions" | "industries" | "regions" | "natures";
  width?: number;
}

export const CUSTOMER_COLUMNS: ColumnSpec[] = [
  { key: "code", label: "import.col.code", required: true, kind: "code", width: 16 },
  { key: "name", label: "import.col.name", required: true, kind: "text", width: 32 },
  { key: "type", label: "import.col.type", required: true, kind: "text", list: "types", width: 20 },
  { key: "institution", label: "import.col.institution", required: true, kind: "text", list: "institutions", width: 14 },
  { key: "industry", label: "import.col.industry", required: true, kind: "text", list: "industries", width: 12 },
  { key: "region", label: "import.col.region", required: true, kind: "text", list: "regions", width: 12 },
  { key: "nature", label: "import.col.nature", required: false, kind: "text", list: "natures", width: 12 },
  { key: "creditCode", label: "import.col.creditCode", required: false, kind: "code", width: 22 },
  { key: "registeredCapital", label: "import.col.registeredCapital", required: false, kind: "number", width: 18 },
  { key: "establishedOn", label: "import.col.establishedOn", required: false, kind: "date", width: 14 },
  { key: "employees", label: "import.col.employees", required: false, kind: "integer", width: 10 },
  { key: "contactName", label: "import.col.contactName", required: false, kind: "text", width: 14 },
  { key: "contactPhone", label: "import.col.contactPhone", required: false, kind: "text", width: 16 },
  { key: "address", label: "import.col.address", required: false, kind: "text", width: 30 },
];

export const STATEMENT_COLUMNS: ColumnSpec[] = [
  { key: "customerCode", label: "import.col.code", required: true, kind: "code", width: 16 },
  { key: "period", label: "import.col.period", required: true, kind: "period", width: 10 },
  ...STATEMENT_ITEMS.map((i): ColumnSpec => ({ key: i.code, label: `item.${i.code}`, required: true, kind: "number", width: 16 })),
];

export const ITEM_CODES: string[] = STATEMENT_ITEMS.map((i) => i.code);

/** Form (BS/IS/CF) of a line item code. */
export function formOf(itemCode: string): "BS" | "IS" | "CF" {
  return itemCode.slice(0, 2) as "BS" | "IS" | "CF";
}

/** Excel column letter of a 1-based column index. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Rows above the data: the header row (frozen). Data starts on row 2. */
export const HEADER_ROWS = 1;
/** Upper bound on data rows per sheet read from one upload (a template is for submissions, not bulk loads). */
export const MAX_ROWS = 5000;
