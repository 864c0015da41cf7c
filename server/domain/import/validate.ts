/**
 * Cell-by-cell validation of an uploaded template. Pure: the caller parses the workbook into plain cells and
 * loads the context (institutions in the user's scope, code lists, existing customers); this returns every
 * error located by sheet, row and column, and the normalised records of each customer.
 *
 * A customer is the unit of import: an error on its information row or on any of its statement rows makes the
 * whole customer invalid, so a partial import never writes half a customer.
 */
import { isDangerousCell } from "@/server/domain/audit/spreadsheet-safe";
import { isValidUscc } from "@/server/domain/validation/identity";
import { statementIssues } from "@/server/domain/rating-input/statement-checks";
import { CUSTOMER_COLUMNS, IMPORT_CUSTOMER_TYPES, ITEM_CODES, STATEMENT_COLUMNS, SHEETS, columnLetter, formOf, type ColumnSpec, type ImportCustomerType } from "./layout";

/** What a parsed cell may hold: exceljs values reduced to these. A formula is never evaluated. */
export type CellValue = string | number | boolean | Date | { formula: string } | null;

export interface SheetRow {
  row: number;
  cells: Record<string, CellValue>;
}

export interface ImportContext {
  /** institution code -> id, for institutions in the user's subtree (active only) */
  institutionsInScope: Map<string, number>;
  industries: Set<string>;
  regions: Set<string>;
  natures: Set<string>;
  /** customers already stored, by code */
  existing: Map<string, { type: string; inScope: boolean; deleted: boolean }>;
  today: Date;
}

export interface ImportError {
  sheet: string;
  row: number;
  column: string; // Excel letter
  field: string;
  reason: string; // message key
  params?: Record<string, string | number>;
}

export interface CustomerRecord {
  code: string;
  name: string;
  type: ImportCustomerType;
  institutionId: number;
  industryCode: string;
  regionCode: string;
  natureCode: string | null;
  creditCode: string | null;
  registeredCapital: string | null; // exact decimal text for numeric columns
  establishedOn: string | null;
  employees: number | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
}

export interface StatementRecord {
  customerCode: string;
  period: string;
  forms: Record<"BS" | "IS" | "CF", Record<string, number>>;
}

export interface ValidationResult {
  errors: ImportError[];
  /** customers of the file (in the customer sheet or only in the statements sheet), each with its validity */
  customers: { code: string; valid: boolean; record: CustomerRecord | null; statements: StatementRecord[]; isNew: boolean }[];
  validCount: number;
  invalidCount: number;
}

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const PERIOD_RE = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;

function isFormula(v: CellValue): v is { formula: string } {
  return typeof v === "object" && v !== null && !(v instanceof Date) && "formula" in v;
}

function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; params?: Record<string, string | number> };

function asText(v: CellValue, max = 200): Parsed<string> {
  if (typeof v === "number") return { ok: true, value: String(v) };
  if (typeof v !== "string") return { ok: false, reason: "import.err.text" };
  const s = v.trim();
  if (isDangerousCell(v) || isDangerousCell(s)) return { ok: false, reason: "import.err.formulaText" };
  if (s.length > max) return { ok: false, reason: "import.err.tooLong", params: { max } };
  return { ok: true, value: s };
}

/** Numbers as typed cells, or as text with digits (thousands separators allowed); exact to the cent. */
function asNumber(v: CellValue): Parsed<number> {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^\s*-?[\d,]+(\.\d+)?\s*$/.test(v)) n = Number(v.replace(/[,\s]/g, ""));
  else return { ok: false, reason: "import.err.number" };
  if (!Number.isFinite(n)) return { ok: false, reason: "import.err.number" };
  if (Math.abs(n) >= 1e15) return { ok: false, reason: "import.err.tooLarge" };
  return { ok: true, value: Math.round(n * 100) / 100 };
}

function asDate(v: CellValue, today: Date): Parsed<string> {
  let d: Date | null = null;
  if (v instanceof Date) d = v;
  else if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) d = new Date(`${v.trim()}T00:00:00Z`);
  if (!d || Number.isNaN(d.getTime())) return { ok: false, reason: "import.err.date" };
  if (d > today) return { ok: false, reason: "import.err.futureDate" };
  return { ok: true, value: d.toISOString().slice(0, 10) };
}

interface RowReader {
  errors: ImportError[];
  get(col: ColumnSpec): CellValue;
  fail(col: ColumnSpec, reason: string, params?: Record<string, string | number>): void;
}

function rowReader(sheet: string, columns: ColumnSpec[], row: SheetRow, errors: ImportError[]): RowReader {
  const own: ImportError[] = [];
  return {
    errors: own,
    get: (col) => row.cells[col.key] ?? null,
    fail(col, reason, params) {
      const e: ImportError = { sheet, row: row.row, column: columnLetter(columns.indexOf(col) + 1), field: col.key, reason, ...(params ? { params } : {}) };
      own.push(e);
      errors.push(e);
    },
  };
}

/** Reads one cell by its spec: formula and required checks first, then the kind. Returns undefined on error or blank. */
function readCell<T>(r: RowReader, col: ColumnSpec, parse: (v: CellValue) => Parsed<T>): T | null | undefined {
  const v = r.get(col);
  if (isFormula(v)) return r.fail(col, "import.err.formula"), undefined;
  if (isBlank(v)) return col.required ? (r.fail(col, "import.err.required"), undefined) : null;
  const p = parse(v);
  if (!p.ok) return r.fail(col, p.reason, p.params), undefined;
  return p.value;
}

const col = (columns: ColumnSpec[], key: string) => columns.find((c) => c.key === key)!;

function validateCustomerRow(row: SheetRow, ctx: ImportContext, errors: ImportError[]): { code: string | null; record: CustomerRecord | null } {
  const r = rowReader(SHEETS.customers, CUSTOMER_COLUMNS, row, errors);
  const c = (k: string) => col(CUSTOMER_COLUMNS, k);
  const code = readCell(r, c("code"), (v) => {
    const t = asText(v, 32);
    return t.ok && !CODE_RE.test(t.value) ? { ok: false, reason: "import.err.code" } : t;
  });
  const name = readCell(r, c("name"), (v) => asText(v, 200));
  const type = readCell(r, c("type"), (v) => {
    const t = asText(v, 40);
    if (!t.ok) return t;
    const key = t.value.split(/\s/)[0] as ImportCustomerType; // the dropdown shows "corporate 企业"
    return (IMPORT_CUSTOMER_TYPES as readonly string[]).includes(key) ? { ok: true, value: key } : { ok: false, reason: "import.err.type" };
  });
  const institutionId = readCell(r, c("institution"), (v) => {
    const t = asText(v, 32);
    if (!t.ok) return t;
    const id = ctx.institutionsInScope.get(t.value.split(/\s/)[0]);
    return id === undefined ? { ok: false, reason: "import.err.institution" } : { ok: true, value: id };
  });
  const fromList = (set: Set<string>, reason: string) => (v: CellValue): Parsed<string> => {
    const t = asText(v, 32);
    if (!t.ok) return t;
    const key = t.value.split(/\s/)[0];
    return set.has(key) ? { ok: true, value: key } : { ok: false, reason };
  };
  const industryCode = readCell(r, c("industry"), fromList(ctx.industries, "import.err.industry"));
  const regionCode = readCell(r, c("region"), fromList(ctx.regions, "import.err.region"));
  const natureCode = readCell(r, c("nature"), fromList(ctx.natures, "import.err.nature"));
  const creditCode = readCell(r, c("creditCode"), (v) => {
    const t = asText(v, 18);
    return t.ok && !isValidUscc(t.value.toUpperCase()) ? { ok: false, reason: "import.err.creditCode" } : t.ok ? { ok: true, value: t.value.toUpperCase() } : t;
  });
  const registeredCapital = readCell(r, c("registeredCapital"), (v) => {
    const n = asNumber(v);
    return n.ok && n.value < 0 ? { ok: false, reason: "import.err.negative" } : n;
  });
  const establishedOn = readCell(r, c("establishedOn"), (v) => asDate(v, ctx.today));
  const employees = readCell(r, c("employees"), (v) => {
    const n = asNumber(v);
    return n.ok && (!Number.isInteger(n.value) || n.value < 0) ? { ok: false, reason: "import.err.integer" } : n;
  });
  const contactName = readCell(r, c("contactName"), (v) => asText(v, 60));
  const contactPhone = readCell(r, c("contactPhone"), (v) => {
    const t = asText(v, 30);
    return t.ok && !/^[\d\s()+-]{5,30}$/.test(t.value) ? { ok: false, reason: "import.err.phone" } : t;
  });
  const address = readCell(r, c("address"), (v) => asText(v, 200));

  if (code) {
    const known = ctx.existing.get(code);
    if (known && !known.inScope) r.fail(c("code"), "import.err.otherInstitution");
    else if (known && type && known.type !== type) r.fail(c("type"), "import.err.typeChange", { type: known.type });
  }
  if (r.errors.length) return { code: code ?? null, record: null };
  return {
    code: code!,
    record: {
      code: code!, name: name!, type: type!, institutionId: institutionId!, industryCode: industryCode!, regionCode: regionCode!,
      natureCode: natureCode ?? null, creditCode: creditCode ?? null,
      registeredCapital: registeredCapital == null ? null : registeredCapital.toFixed(2),
      establishedOn: establishedOn ?? null, employees: employees ?? null,
      contactName: contactName ?? null, contactPhone: contactPhone ?? null, address: address ?? null,
    },
  };
}

function validateStatementRow(row: SheetRow, errors: ImportError[]): { code: string | null; record: StatementRecord | null } {
  const r = rowReader(SHEETS.statements, STATEMENT_COLUMNS, row, errors);
  const c = (k: string) => col(STATEMENT_COLUMNS, k);
  const code = readCell(r, c("customerCode"), (v) => {
    const t = asText(v, 32);
    return t.ok && !CODE_RE.test(t.value) ? { ok: false, reason: "import.err.code" } : t;
  });
  const period = readCell(r, c("period"), (v) => {
    if (v instanceof Date) return { ok: true, value: v.toISOString().slice(0, 7) };
    const t = asText(v, 7);
    return t.ok && !PERIOD_RE.test(t.value) ? { ok: false, reason: "import.err.period" } : t;
  });
  const items: Record<string, number> = {};
  for (const code of ITEM_CODES) {
    const v = readCell(r, c(code), asNumber);
    if (typeof v === "number") items[code] = v;
  }
  if (!r.errors.length) {
    // the balance and subtotal checks of the rating wizard, located at the offending item's column
    for (const issue of statementIssues(items, "s")) r.fail(c(issue.path.split(".").pop()!), issue.message, issue.params);
  }
  if (r.errors.length) return { code: code ?? null, record: null };
  const forms = { BS: {}, IS: {}, CF: {} } as StatementRecord["forms"];
  for (const [k, v] of Object.entries(items)) forms[formOf(k)][k] = v;
  return { code: code!, record: { customerCode: code!, period: period!, forms } };
}

export function validateImport(customerRows: SheetRow[], statementRows: SheetRow[], ctx: ImportContext): ValidationResult {
  const errors: ImportError[] = [];
  const byCode = new Map<string, { valid: boolean; record: CustomerRecord | null; statements: StatementRecord[]; inSheet: boolean }>();
  const entry = (code: string) => {
    let e = byCode.get(code);
    if (!e) byCode.set(code, (e = { valid: true, record: null, statements: [], inSheet: false }));
    return e;
  };
  const seenRow = new Map<string, number>();
  for (const row of customerRows) {
    const { code, record } = validateCustomerRow(row, ctx, errors);
    if (!code) continue; // an unreadable code cannot be tied to a customer; the row error is reported
    if (seenRow.has(code)) {
      errors.push({ sheet: SHEETS.customers, row: row.row, column: "A", field: "code", reason: "import.err.duplicate", params: { row: seenRow.get(code)! } });
      entry(code).valid = false;
      continue;
    }
    seenRow.set(code, row.row);
    const e = entry(code);
    e.inSheet = true;
    e.record = record;
    if (!record) e.valid = false;
  }
  const seenPeriod = new Map<string, number>();
  for (const row of statementRows) {
    const { code, record } = validateStatementRow(row, errors);
    if (!code) continue;
    const e = entry(code);
    if (!record) {
      e.valid = false;
      continue;
    }
    const key = `${code}|${record.period}`;
    if (seenPeriod.has(key)) {
      errors.push({ sheet: SHEETS.statements, row: row.row, column: "B", field: "period", reason: "import.err.duplicatePeriod", params: { row: seenPeriod.get(key)! } });
      e.valid = false;
      continue;
    }
    seenPeriod.set(key, row.row);
    e.statements.push(record);
  }
  // statements of a customer not in the customer sheet: allowed for an existing customer in scope
  for (const row of statementRows) {
    const code = typeof row.cells.customerCode === "string" ? row.cells.customerCode.trim() : null;
    if (!code || !byCode.has(code) || byCode.get(code)!.inSheet) continue;
    const known = ctx.existing.get(code);
    if (!known || known.deleted || !known.inScope) {
      const e = byCode.get(code)!;
      if (e.valid || !errors.some((x) => x.sheet === SHEETS.statements && x.row === row.row && x.field === "customerCode")) {
        errors.push({ sheet: SHEETS.statements, row: row.row, column: "A", field: "customerCode", reason: known && !known.inScope ? "import.err.otherInstitution" : "import.err.unknownCustomer" });
      }
      e.valid = false;
    }
  }
  errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row || a.column.localeCompare(b.column) : a.sheet === SHEETS.customers ? -1 : 1));
  const customers = [...byCode.entries()].map(([code, e]) => ({ code, valid: e.valid, record: e.record, statements: e.statements, isNew: !ctx.existing.has(code) }));
  const validCount = customers.filter((c) => c.valid).length;
  return { errors, customers, validCount, invalidCount: customers.length - validCount };
}
