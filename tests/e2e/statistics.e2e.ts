import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { loginOk } from "./helpers";

test("an analyst filters the statistics, drills down from a bar and downloads the exports", async ({ page }) => {
  await loginOk(page, "bj.analyst", /\/dashboard$/);
  await page.locator("a[href=\"/statistics\"]:visible").first().click();
  await expect(page).toHaveURL(/\/statistics$/);
  await expect(page.locator("[data-testid=chart-counts] svg").first()).toBeVisible();

  // filter: corporate customers only
  const total0 = async () => Number((await page.getByTestId("counts-total").innerText()).replace(/\D/g, ""));
  await expect.poll(total0).toBeGreaterThan(0);
  const before = await total0();
  await page.locator("#f-type").selectOption("corporate");
  await page.getByTestId("stats-apply").click();
  await expect.poll(async () => Number((await page.getByTestId("counts-total").innerText()).replace(/\D/g, ""))).toBeLessThan(before);
  const total = Number((await page.getByTestId("counts-total").innerText()).replace(/\D/g, ""));

  // drill down from the chart's first bar: the list shows as many ratings as the table's row says
  const firstRow = page.getByTestId("table-counts").locator("tbody tr").first();
  const ratingsInRow = Number((await firstRow.locator("td").nth(2).innerText()).replace(/\D/g, ""));
  await page.locator("[data-testid=chart-counts] .recharts-bar-rectangle path, [data-testid=chart-counts] .recharts-rectangle").first().click();
  await expect(page.getByTestId("drill-table")).toBeVisible();
  await expect(page.getByTestId("pager-status")).toContainText(ratingsInRow.toLocaleString("zh-CN"));
  expect(await page.getByTestId("drill-row").count()).toBe(Math.min(25, ratingsInRow));

  // download the counts export and read it back: its total equals the screen
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-counts").click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const sheet = wb.worksheets[0];
  expect(sheet.getRow(sheet.rowCount).getCell(3).value).toBe(total);

  // and the drill-down list export
  const [list] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-ratings").click()]);
  const wb2 = new ExcelJS.Workbook();
  await wb2.xlsx.readFile(await list.path());
  const s2 = wb2.worksheets[0];
  expect(s2.getRow(s2.rowCount).getCell(2).value).toBe(ratingsInRow);

  // a preset period is answered from the pre-aggregates, a custom range live; the page says which, and as of when
  await expect(page.getByTestId("stats-as-of")).toHaveAttribute("data-source", "rollup");
  await expect(page.getByTestId("stats-as-of")).toContainText("预汇总");
  const year = (await page.locator("#f-period option").nth(1).getAttribute("value"))!;
  expect(year).toMatch(/^\d{4}$/);
  await page.locator("#f-period").selectOption(year);
  await expect(page.locator("#f-from")).toHaveValue(`${year}-01-01`);
  await expect(page.locator("#f-to")).toHaveValue(`${year}-12-31`);
  await page.getByTestId("stats-apply").click();
  await expect(page.getByTestId("stats-as-of")).toHaveAttribute("data-source", "rollup");
  await page.locator("#f-from").fill(`${year}-02-01`);
  await expect(page.locator("#f-period")).toHaveValue("custom");
  await page.getByTestId("stats-apply").click();
  await expect(page.getByTestId("stats-as-of")).toHaveAttribute("data-source", "live");
  await expect(page.getByTestId("stats-as-of")).toContainText("实时查询");
  // the migration matrix offers the preset pairs and says where its figures come from
  expect(await page.locator("#m-preset option").count()).toBeGreaterThan(2);
  await expect(page.getByTestId("migration-as-of")).toHaveAttribute("data-source", "rollup");
});
