import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLog, codeLists, customers, financialStatements } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { checkImport, downloadTemplate, importCustomers, markedWorkbook } from "@/server/services/import/import-customers";
import { CUSTOMER_COLUMNS, SHEETS, STATEMENT_COLUMNS } from "@/server/domain/import/layout";
import { createTestDb } from "../setup/test-db";
import { actor } from "../fixtures/actors";

let h: DbHandle;
let industry: string;
let region: string;
const USCC_OK = "91350100M000100Y43"; // a valid unified social credit code (check character verified)

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  const [i] = await h.db.select({ code: codeLists.code }).from(codeLists).where(and(eq(codeLists.listType, "industry"), eq(codeLists.active, true))).limit(1);
  const [r] = await h.db.select({ code: codeLists.code }).from(codeLists).where(and(eq(codeLists.listType, "region"), eq(codeLists.active, true))).limit(1);
  industry = i.code;
  region = r.code;
});
afterAll(async () => h?.close());

/** Balanced statement items for one period, scaled by `k`. */
function items(k: number): Record<string, number> {
  const bs = { BS001: 100 * k, BS002: 200 * k, BS003: 150 * k, BS004: 500 * k, BS005: 400 * k, BS006: 100 * k, BS007: 1000 * k, BS008: 120 * k, BS009: 80 * k, BS010: 250 * k, BS011: 150 * k, BS012: 0, BS013: 400 * k, BS014: 600 * k };
  return { ...bs, IS001: 900 * k, IS002: 600 * k, IS003: 10 * k, IS004: 120 * k, IS005: 115 * k, IS006: 90.55 * k, CF001: 130 * k, CF002: -40 * k, CF003: -20 * k };
}

type Row = Record<string, string | number | Date | { formula: string } | null>;

/** Fills the downloaded template the way a user would, with exceljs on a real file. */
async function fill(template: Buffer, customerRows: Row[], statementRows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const put = (sheet: string, columns: typeof CUSTOMER_COLUMNS, rows: Row[]) => {
    const ws = wb.getWorksheet(sheet)!;
    rows.forEach((r, i) => columns.forEach((c, j) => {
      if (r[c.key] !== undefined) ws.getCell(i + 2, j + 1).value = r[c.key] as ExcelJS.CellValue;
    }));
  };
  put(SHEETS.customers, CUSTOMER_COLUMNS, customerRows);
  put(SHEETS.statements, STATEMENT_COLUMNS, statementRows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const customer = (code: string, extra: Row = {}): Row => ({
  code, name: `导入测试企业 ${code}`, type: "corporate 公司客户", institution: "BJ01 北京海淀支行", industry, region,
  creditCode: USCC_OK, registeredCapital: 5_000_000.25, establishedOn: new Date("2010-03-01T00:00:00Z"), employees: 120, contactPhone: "010-12345678", ...extra,
});
const statement = (code: string, period: string, k = 1, extra: Row = {}): Row => ({ customerCode: code, period, ...items(k), ...extra });

describe("Excel template import", () => {
  it("builds a template with instructions, frozen headers, dropdown lists and only in-scope institutions", async () => {
    const bj = await actor(h.db, "bj.rater");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await downloadTemplate(bj, "zh")) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEETS.instructions, SHEETS.customers, SHEETS.statements, SHEETS.lists]);
    const ws = wb.getWorksheet(SHEETS.customers)!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(String(ws.getCell("A1").value)).toContain("客户编号");
    const lists = wb.getWorksheet(SHEETS.lists)!;
    const institutions = lists.getColumn(2).values.filter(Boolean).map(String);
    expect(institutions.some((v) => v.startsWith("BJ01 "))).toBe(true);
    expect(institutions.some((v) => v.startsWith("SH"))).toBe(false);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string }> } }).dataValidations.model;
    expect(Object.values(dv).some((v) => v.type === "list")).toBe(true);
  });

  it("round trip: a good file imports exactly what it holds, in one audited transaction", async () => {
    const bj = await actor(h.db, "bj.rater");
    const file = await fill(await downloadTemplate(bj, "en"), [customer("IMP-001"), customer("IMP-002", { type: "sme" })], [
      statement("IMP-001", "2024-12", 1), statement("IMP-001", "2025-12", 1.1), statement("IMP-002", "2025-12", 2),
    ]);
    const check = await checkImport(bj, file);
    expect(check).toMatchObject({ customers: 2, valid: 2, invalid: 0, statements: 3, errors: [] });
    const audits = async () => (await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, "customer.import")))[0].n;
    const before = await audits();
    const out = await importCustomers({ actor: bj, ip: null }, file, "all");
    expect(out).toMatchObject({ imported: true, inserted: 2, updated: 0, skipped: 0, statementRows: 9 });
    expect(await audits()).toBe(before + 1);
    const [c1] = await h.db.select().from(customers).where(eq(customers.code, "IMP-001"));
    expect(c1).toMatchObject({ name: "导入测试企业 IMP-001", type: "corporate", industryCode: industry, creditCode: USCC_OK, registeredCapital: "5000000.25", establishedOn: "2010-03-01", employees: 120, source: "import" });
    const stmts = await h.db.select().from(financialStatements).where(eq(financialStatements.customerId, c1.id));
    expect(stmts).toHaveLength(6);
    const is25 = stmts.find((s) => s.period === "2025-12" && s.formCode === "IS")!;
    expect(is25.items.IS006).toBe(99.61); // 90.55 x 1.1, kept to the cent
    const bs24 = stmts.find((s) => s.period === "2024-12" && s.formCode === "BS")!;
    expect(bs24.items).toEqual(Object.fromEntries(Object.entries(items(1)).filter(([k]) => k.startsWith("BS"))));

    // the same file again updates in place: no duplicates
    const again = await importCustomers({ actor: bj, ip: null }, file, "all");
    expect(again).toMatchObject({ inserted: 0, updated: 2 });
    expect((await h.db.select().from(customers).where(inArray(customers.code, ["IMP-001", "IMP-002"]))).length).toBe(2);
  });

  it("a bad file: every error located by sheet, row and column; nothing written in 'all' mode; marked copy", async () => {
    const bj = await actor(h.db, "bj.rater");
    const file = await fill(await downloadTemplate(bj, "en"), [
      customer("BAD-001", { name: "=HYPERLINK(\"http://x\")" }), // formula-like text
      customer("BAD-002", { creditCode: "91350100M000100Y44" }), // wrong check character
      customer("GOOD-003"),
      customer("BAD-004", { institution: "SH" }), // outside the user's scope
      customer("BAD-005", { registeredCapital: { formula: "1+1" } }),
    ], [
      statement("GOOD-003", "2025-12"),
      statement("BAD-001", "2025-13"),
      statement("BAD-002", "2025-12", 1, { BS007: 1005 }), // unbalanced
      statement("NOPE-9", "2025-12"),
    ]);
    const check = await checkImport(bj, file);
    const at = (sheet: string, row: number, field: string) => check.errors.find((e) => e.sheet === sheet && e.row === row && e.field === field);
    expect(at(SHEETS.customers, 2, "name")).toMatchObject({ column: "B", reason: "import.err.formulaText" });
    expect(at(SHEETS.customers, 3, "creditCode")).toMatchObject({ column: "H", reason: "import.err.creditCode" });
    expect(at(SHEETS.customers, 5, "institution")).toMatchObject({ column: "D", reason: "import.err.institution" });
    expect(at(SHEETS.customers, 6, "registeredCapital")).toMatchObject({ column: "I", reason: "import.err.formula" });
    expect(at(SHEETS.statements, 3, "period")).toMatchObject({ column: "B", reason: "import.err.period" });
    expect(at(SHEETS.statements, 4, "BS007")).toMatchObject({ reason: "workflow.unbalanced" });
    expect(at(SHEETS.statements, 5, "customerCode")).toMatchObject({ column: "A", reason: "import.err.unknownCustomer" });
    expect(check).toMatchObject({ valid: 1, invalid: 5 });

    const out = await importCustomers({ actor: bj, ip: null }, file, "all");
    expect(out.imported).toBe(false);
    const written = await h.db.select({ code: customers.code }).from(customers).where(sql`${customers.code} like 'BAD-%' or ${customers.code} = 'GOOD-003'`);
    expect(written).toEqual([]);

    const marked = new ExcelJS.Workbook();
    await marked.xlsx.load((await markedWorkbook(bj, file, "en")) as unknown as ArrayBuffer);
    const cell = marked.getWorksheet(SHEETS.customers)!.getCell("H3");
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    expect(String(cell.note)).toContain("unified social credit code");
    const errorsSheet = marked.getWorksheet(SHEETS.errors)!;
    expect(errorsSheet.rowCount - 1).toBe(check.errors.length);
    // the formula-like text written back into the error list is neutralised, the bad name stays as text
    expect(typeof marked.getWorksheet(SHEETS.customers)!.getCell("B2").value).toBe("string");

    // explicit choice: only the valid customer, whole, and none of the invalid ones
    const partial = await importCustomers({ actor: bj, ip: null }, file, "validOnly");
    expect(partial).toMatchObject({ imported: true, inserted: 1, skipped: 5, statementRows: 3 });
    const after = await h.db.select({ code: customers.code }).from(customers).where(sql`${customers.code} like 'BAD-%' or ${customers.code} = 'GOOD-003'`);
    expect(after.map((r) => r.code)).toEqual(["GOOD-003"]);
  });

  it("refuses to touch another branch's customer through an upload", async () => {
    const [sh] = await h.db.execute<{ code: string }>(sql`select c.code from customers c join institutions i on i.id = c.institution_id where i.code = 'SH' and c.type = 'corporate' limit 1`).then((r) => (Array.isArray(r) ? r : (r as unknown as { rows: { code: string }[] }).rows));
    const bj = await actor(h.db, "bj.rater");
    const file = await fill(await downloadTemplate(bj, "en"), [customer(sh.code)], [statement(sh.code, "2025-12")]);
    const check = await checkImport(bj, file);
    expect(check.errors.some((e) => e.field === "code" && e.reason === "import.err.otherInstitution")).toBe(true);
    const before = await h.db.select({ name: customers.name, institutionId: customers.institutionId }).from(customers).where(eq(customers.code, sh.code));
    expect((await importCustomers({ actor: bj, ip: null }, file, "validOnly")).imported).toBe(false);
    expect(await h.db.select({ name: customers.name, institutionId: customers.institutionId }).from(customers).where(eq(customers.code, sh.code))).toEqual(before);
  });

  it("refuses a file that is not a workbook, and a workbook without the template sheets", async () => {
    const bj = await actor(h.db, "bj.rater");
    await expect(checkImport(bj, Buffer.from("<html><script>alert(1)</script></html>"))).rejects.toMatchObject({ reason: "import.err.notXlsx" });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = "x";
    await expect(checkImport(bj, Buffer.from(await wb.xlsx.writeBuffer()))).rejects.toMatchObject({ reason: "import.err.missingSheet" });
  });
});
