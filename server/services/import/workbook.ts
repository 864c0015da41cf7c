import "server-only";
import ExcelJS from "exceljs";
import { STATEMENT_ITEMS } from "@/components/customers/statement-items";
import { translate, type Locale } from "@/components/i18n/translate";
import { CUSTOMER_COLUMNS, HEADER_ROWS, IMPORT_CUSTOMER_TYPES, MAX_ROWS, SHEETS, STATEMENT_COLUMNS, columnLetter, type ColumnSpec } from "@/server/domain/import/layout";
import type { CellValue, ImportError, SheetRow } from "@/server/domain/import/validate";
import { neutraliseCell } from "@/server/domain/audit/spreadsheet-safe";

export interface TemplateLists {
  institutions: { code: string; name: string }[];
  industries: { code: string; name: string }[];
  regions: { code: string; name: string }[];
  natures: { code: string; name: string }[];
}

const INSTRUCTION_KEYS = ["import.help.1", "import.help.2", "import.help.3", "import.help.4", "import.help.5", "import.help.6"];

export function headerText(col: ColumnSpec, locale: Locale): string {
  if (col.label.startsWith("item.")) {
    const item = STATEMENT_ITEMS.find((i) => i.code === col.key)!;
    return `${item.code} ${locale === "zh" ? item.zh : item.en}`;
  }
  return `${translate(locale, col.label)}${col.required ? " *" : ""}`;
}

function addDataSheet(wb: ExcelJS.Workbook, name: string, columns: ColumnSpec[], locale: Locale) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: HEADER_ROWS }] });
  ws.columns = columns.map((c) => ({ key: c.key, header: headerText(c, locale), width: c.width ?? 14 }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
  columns.forEach((c, i) => {
    if (c.kind === "number") ws.getColumn(i + 1).numFmt = "#,##0.00";
    if (c.kind === "period" || c.kind === "code" || c.key === "contactPhone") ws.getColumn(i + 1).numFmt = "@";
  });
  return ws;
}

/** The template: instructions, the two data sheets with dropdowns fed by a hidden Lists sheet. */
export async function buildTemplate(lists: TemplateLists, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Credit Rating Platform";
  const help = wb.addWorksheet(SHEETS.instructions);
  help.getColumn(1).width = 110;
  help.addRow([translate(locale, "import.title")]).font = { bold: true, size: 14 };
  for (const k of INSTRUCTION_KEYS) help.addRow([translate(locale, k)]).alignment = { wrapText: true };
  const customers = addDataSheet(wb, SHEETS.customers, CUSTOMER_COLUMNS, locale);
  addDataSheet(wb, SHEETS.statements, STATEMENT_COLUMNS, locale);

  const listSheet = wb.addWorksheet(SHEETS.lists, { state: "veryHidden" });
  const columns: Record<string, string[]> = {
    types: IMPORT_CUSTOMER_TYPES.map((t) => `${t} ${translate(locale, `customerType.${t}`)}`),
    institutions: lists.institutions.map((x) => `${x.code} ${x.name}`),
    industries: lists.industries.map((x) => `${x.code} ${x.name}`),
    regions: lists.regions.map((x) => `${x.code} ${x.name}`),
    natures: lists.natures.map((x) => `${x.code} ${x.name}`),
  };
  const ranges: Record<string, string> = {};
  Object.entries(columns).forEach(([name, values], i) => {
    const letter = columnLetter(i + 1);
    values.forEach((v, r) => (listSheet.getCell(`${letter}${r + 1}`).value = neutraliseCell(v)));
    ranges[name] = `${SHEETS.lists}!$${letter}$1:$${letter}$${Math.max(values.length, 1)}`;
  });
  CUSTOMER_COLUMNS.forEach((c, i) => {
    if (!c.list) return;
    const letter = columnLetter(i + 1);
    // one validation for the whole column range (exceljs keeps it as a single <dataValidation sqref>)
    (customers as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${MAX_ROWS + 1}`, {
      type: "list", allowBlank: !c.required, formulae: [ranges[c.list]], showErrorMessage: true,
      errorTitle: translate(locale, "import.listErrorTitle"), error: translate(locale, "import.listError"),
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** exceljs cell value -> CellValue; formulas are kept as formulas (never their cached results). */
function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) return { formula: String((v as { formula?: string }).formula ?? "shared") };
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return String(v.text); // hyperlink
    if ("error" in v) return { formula: String(v.error) };
  }
  return String(v);
}

export class WorkbookError extends Error {
  constructor(public readonly reason: string, public readonly params?: Record<string, string | number>) {
    super(reason);
  }
}

function readSheet(wb: ExcelJS.Workbook, name: string, columns: ColumnSpec[]): SheetRow[] {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new WorkbookError("import.err.missingSheet", { sheet: name });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= HEADER_ROWS) return;
    const cells: SheetRow["cells"] = {};
    let any = false;
    columns.forEach((c, i) => {
      const v = toCellValue(row.getCell(i + 1).value);
      cells[c.key] = v;
      if (v !== null && !(typeof v === "string" && v.trim() === "")) any = true;
    });
    if (any) rows.push({ row: rowNumber, cells });
  });
  if (rows.length > MAX_ROWS) throw new WorkbookError("import.err.tooManyRows", { max: MAX_ROWS });
  return rows;
}

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  // an .xlsx is a zip: refuse anything else before exceljs sees it
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new WorkbookError("import.err.notXlsx");
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookError("import.err.notXlsx");
  }
  return wb;
}

export function readUpload(wb: ExcelJS.Workbook): { customers: SheetRow[]; statements: SheetRow[] } {
  return { customers: readSheet(wb, SHEETS.customers, CUSTOMER_COLUMNS), statements: readSheet(wb, SHEETS.statements, STATEMENT_COLUMNS) };
}

/** The uploaded workbook with each error cell filled red and annotated, plus an Errors sheet listing them all. */
export async function markWorkbook(wb: ExcelJS.Workbook, errors: ImportError[], locale: Locale): Promise<Buffer> {
  for (const e of errors) {
    const ws = wb.getWorksheet(e.sheet);
    if (!ws) continue;
    const cell = ws.getCell(`${e.column}${e.row}`);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
    const text = translate(locale, e.reason, e.params);
    const prior = typeof cell.note === "string" ? `${cell.note}\n` : "";
    cell.note = prior + text;
  }
  const old = wb.getWorksheet(SHEETS.errors);
  if (old) wb.removeWorksheet(old.id);
  const sheet = wb.addWorksheet(SHEETS.errors, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: translate(locale, "import.sheet"), key: "sheet", width: 14 },
    { header: translate(locale, "import.row"), key: "row", width: 8 },
    { header: translate(locale, "import.column"), key: "column", width: 8 },
    { header: translate(locale, "import.reason"), key: "reason", width: 70 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const e of errors) sheet.addRow({ sheet: e.sheet, row: e.row, column: e.column, reason: neutraliseCell(translate(locale, e.reason, e.params)) });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
