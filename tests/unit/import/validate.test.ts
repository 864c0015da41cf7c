import { describe, expect, it } from "vitest";
import { columnLetter, CUSTOMER_COLUMNS, STATEMENT_COLUMNS, SHEETS } from "@/server/domain/import/layout";
import { validateImport, type ImportContext, type SheetRow } from "@/server/domain/import/validate";

const ctx = (over: Partial<ImportContext> = {}): ImportContext => ({
  institutionsInScope: new Map([["BJ", 2], ["BJ01", 5]]),
  industries: new Set(["C", "C13"]),
  regions: new Set(["110000"]),
  natures: new Set(["SOE"]),
  existing: new Map([["OLD-1", { type: "corporate", inScope: true, deleted: false }], ["SH-1", { type: "corporate", inScope: false, deleted: false }]]),
  today: new Date("2026-12-05T00:00:00Z"),
  ...over,
});

const cust = (row: number, cells: SheetRow["cells"] = {}): SheetRow => ({
  row,
  cells: { code: `C-${row}`, name: `企业${row}`, type: "corporate 公司客户", institution: "BJ01 海淀", industry: "C13 农副食品", region: "110000", ...cells },
});
const balanced = { BS001: 100, BS002: 200, BS003: 150, BS004: 500, BS005: 400, BS006: 100, BS007: 1000, BS008: 120, BS009: 80, BS010: 250, BS011: 150, BS012: 0, BS013: 400, BS014: 600, IS001: 900, IS002: 600, IS003: 10, IS004: 120, IS005: 115, IS006: 90, CF001: 130, CF002: -40, CF003: -20 };
const stmt = (row: number, code: string, cells: SheetRow["cells"] = {}): SheetRow => ({ row, cells: { customerCode: code, period: "2025-12", ...balanced, ...cells } });
const errorOf = (r: ReturnType<typeof validateImport>, field: string) => r.errors.find((e) => e.field === field);

describe("template layout", () => {
  it("names Excel columns like Excel does", () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });
  it("has the code first on both sheets and every SPEC line item on the statements sheet", () => {
    expect(CUSTOMER_COLUMNS[0].key).toBe("code");
    expect(STATEMENT_COLUMNS.map((c) => c.key).slice(0, 2)).toEqual(["customerCode", "period"]);
    expect(STATEMENT_COLUMNS).toHaveLength(2 + 23);
  });
});

describe("validateImport", () => {
  it("accepts a clean customer with statements and normalises codes and amounts", () => {
    const r = validateImport([cust(2, { registeredCapital: "1,234,567.891", employees: 12, establishedOn: "2001-02-03" })], [stmt(2, "C-2")], ctx());
    expect(r.errors).toEqual([]);
    expect(r.validCount).toBe(1);
    expect(r.customers[0].record).toMatchObject({ type: "corporate", institutionId: 5, industryCode: "C13", registeredCapital: "1234567.89", establishedOn: "2001-02-03", employees: 12 });
    expect(r.customers[0].statements[0].forms.BS.BS007).toBe(1000);
    expect(r.customers[0].statements[0].forms.CF.CF002).toBe(-40);
  });

  it.each([
    ["code", "", "import.err.required"],
    ["code", "a b", "import.err.code"],
    ["name", "=SUM(A1)", "import.err.formulaText"],
    ["name", "+1", "import.err.formulaText"],
    ["name", "@x", "import.err.formulaText"],
    ["name", "\tx", "import.err.formulaText"],
    ["name", { formula: "A1" }, "import.err.formula"],
    ["name", "x".repeat(201), "import.err.tooLong"],
    ["type", "individual", "import.err.type"],
    ["institution", "SH 上海", "import.err.institution"],
    ["industry", "Z99", "import.err.industry"],
    ["region", "999999", "import.err.region"],
    ["nature", "XX", "import.err.nature"],
    ["creditCode", "91350100M000100Y44", "import.err.creditCode"],
    ["registeredCapital", "abc", "import.err.number"],
    ["registeredCapital", -1, "import.err.negative"],
    ["registeredCapital", 1e16, "import.err.tooLarge"],
    ["establishedOn", "2030-01-01", "import.err.futureDate"],
    ["establishedOn", "01/02/2003", "import.err.date"],
    ["employees", 1.5, "import.err.integer"],
    ["contactPhone", "call me", "import.err.phone"],
  ])("refuses %s = %j with %s, located at its column", (field, value, reason) => {
    const r = validateImport([cust(7, { [field]: value as never })], [], ctx());
    const e = errorOf(r, field)!;
    expect(e).toMatchObject({ sheet: SHEETS.customers, row: 7, reason });
    expect(e.column).toBe(columnLetter(CUSTOMER_COLUMNS.findIndex((c) => c.key === field) + 1));
    if (field !== "code") expect(r.validCount).toBe(0);
  });

  it("makes the whole customer invalid when any of its statement rows is wrong", () => {
    const r = validateImport([cust(2), cust(3)], [stmt(2, "C-2"), stmt(3, "C-2", { period: "2024-12", BS007: 1010 }), stmt(4, "C-3")], ctx());
    expect(errorOf(r, "BS007")).toMatchObject({ sheet: SHEETS.statements, row: 3, reason: "workflow.unbalanced" });
    expect(r.customers.find((c) => c.code === "C-2")!.valid).toBe(false);
    expect(r.customers.find((c) => c.code === "C-3")!.valid).toBe(true);
    expect(r.validCount).toBe(1);
  });

  it("tolerates a cent-level rounding difference in the balance (within 1 CNY)", () => {
    const r = validateImport([cust(2)], [stmt(2, "C-2", { BS007: 1000.5 })], ctx());
    expect(r.errors).toEqual([]);
  });

  it.each([
    [{ period: "2025-13" }, "period", "import.err.period"],
    [{ period: "25-12" }, "period", "import.err.period"],
    [{ BS001: "1O0" }, "BS001", "import.err.number"],
    [{ BS001: -5 }, "BS001", "workflow.negativeTotal"],
    [{ IS001: null }, "IS001", "import.err.required"],
    [{ CF001: { formula: "B2*2" } }, "CF001", "import.err.formula"],
  ])("statement cell %j -> %s %s", (cells, field, reason) => {
    const r = validateImport([cust(2)], [stmt(5, "C-2", cells as SheetRow["cells"])], ctx());
    expect(errorOf(r, field)).toMatchObject({ sheet: SHEETS.statements, row: 5, reason });
  });

  it("reports duplicate customer codes and duplicate periods with the first row", () => {
    const r = validateImport([cust(2), cust(3, { code: "C-2" })], [stmt(2, "C-2"), stmt(3, "C-2")], ctx());
    expect(r.errors.find((e) => e.reason === "import.err.duplicate")).toMatchObject({ row: 3, params: { row: 2 } });
    expect(r.errors.find((e) => e.reason === "import.err.duplicatePeriod")).toMatchObject({ row: 3, params: { row: 2 } });
  });

  it("accepts statements alone for an existing customer in scope, refuses unknown and out-of-scope ones", () => {
    const r = validateImport([], [stmt(2, "OLD-1"), stmt(3, "NEW-9"), stmt(4, "SH-1")], ctx());
    expect(r.customers.find((c) => c.code === "OLD-1")).toMatchObject({ valid: true, isNew: false, record: null });
    expect(r.errors.find((e) => e.row === 3)).toMatchObject({ reason: "import.err.unknownCustomer" });
    expect(r.errors.find((e) => e.row === 4)).toMatchObject({ reason: "import.err.otherInstitution" });
  });

  it("refuses updating another institution's customer or changing a customer's type", () => {
    const r = validateImport([cust(2, { code: "SH-1" }), cust(3, { code: "OLD-1", type: "sme" })], [], ctx());
    expect(r.errors.find((e) => e.row === 2)).toMatchObject({ field: "code", reason: "import.err.otherInstitution" });
    expect(r.errors.find((e) => e.row === 3)).toMatchObject({ field: "type", reason: "import.err.typeChange" });
    expect(r.validCount).toBe(0);
  });

  it("orders errors by sheet, then row, then column", () => {
    const r = validateImport([cust(5, { region: "x" }), cust(2, { name: "=x", region: "x" })], [stmt(2, "C-5", { period: "bad" })], ctx());
    expect(r.errors.map((e) => `${e.sheet}:${e.row}${e.column}`)).toEqual([`${SHEETS.customers}:2B`, `${SHEETS.customers}:2F`, `${SHEETS.customers}:5F`, `${SHEETS.statements}:2B`]);
  });
});
