import fs from "node:fs";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { loginOk } from "./helpers";

/** Fills a downloaded template: one customer and one period of balanced statements; `bad` breaks two cells. */
async function filled(templatePath: string, code: string, bad: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const lists = wb.getWorksheet("Lists")!;
  const first = (col: number) => String(lists.getCell(1, col).value);
  const customers = wb.getWorksheet("Customers")!;
  customers.getRow(2).values = [code, bad ? "=1+1" : `E2E 导入企业 ${code}`, "corporate", first(2), first(3), first(4), null, null, 1000000];
  const items = [100, 200, 150, 500, 400, 100, 1000, 120, 80, 250, 150, 0, 400, bad ? 700 : 600, 900, 600, 10, 120, 115, 90, 130, -40, -20];
  wb.getWorksheet("Statements")!.getRow(2).values = [code, "2025-12", ...items];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("a rater downloads the template, sees a bad file's located errors and a marked copy, then imports a good file", async ({ page }) => {
  await loginOk(page, "bj.rater", /\/dashboard$/);
  await page.goto("/customers");
  await page.getByTestId("customers-import").click();
  await expect(page).toHaveURL(/\/customers\/import$/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-template").click()]);
  const templatePath = await download.path();
  expect(fs.statSync(templatePath).size).toBeGreaterThan(5000);

  const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  await page.getByTestId("import-file").setInputFiles({ name: "bad.xlsx", mimeType: xlsx, buffer: await filled(templatePath, "E2E-IMP-1", true) });
  await page.getByTestId("import-check").click();
  const errors = page.getByTestId("import-errors");
  await expect(errors).toBeVisible();
  await expect(errors.locator("tbody tr")).toHaveCount(2);
  await expect(errors).toContainText("不能以 = + - @"); // formula-like name, column B
  await expect(errors).toContainText("资产总计不等于负债与所有者权益合计");
  await expect(page.getByTestId("import-all")).toBeDisabled();
  const [marked] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-marked").click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await marked.path());
  expect(wb.getWorksheet("Errors")!.rowCount).toBe(3);

  await page.getByTestId("import-file").setInputFiles({ name: "good.xlsx", mimeType: xlsx, buffer: await filled(templatePath, "E2E-IMP-1", false) });
  await page.getByTestId("import-check").click();
  await expect(page.getByTestId("alert-success")).toBeVisible();
  await page.getByTestId("import-all").click();
  await expect(page.getByTestId("import-outcome")).toContainText("新增 1 户");

  await page.goto("/customers");
  await page.locator("#customer-q").fill("E2E-IMP-1");
  await page.locator("#customer-q").press("Enter");
  await expect(page.getByTestId("customer-table")).toContainText("E2E 导入企业 E2E-IMP-1");
});

test("an analyst, who may not write customers, is refused the import page and its routes", async ({ page }) => {
  await loginOk(page, "bj.analyst", /\/dashboard$/);
  await page.goto("/customers");
  await expect(page.getByTestId("customers-import")).toHaveCount(0);
  await page.goto("/customers/import");
  await expect(page).toHaveURL(/\/forbidden/);
  expect((await page.request.get("/api/import/template")).status()).toBe(403);
});
