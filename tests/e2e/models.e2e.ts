import { expect, test } from "@playwright/test";
import { loginOk } from "./helpers";

test.describe.configure({ timeout: 180_000 });

test("an admin drafts a model version, breaks a bin and sees the error at it, fixes it, compares, previews the impact, publishes and re-rates the book", async ({ page }) => {
  await loginOk(page, "admin", /\/admin$/);
  await page.getByTestId("nav-admin-models").last().click();
  await expect(page).toHaveURL(/\/admin\/models$/);
  const row = page.getByTestId("version-public-institution-scorecard-1");
  await row.getByRole("button").click();
  await expect(page).toHaveURL(/\/admin\/models\/\d+$/);
  await expect(page.getByTestId("version-status")).toHaveText(/草稿|Draft/);

  // the first indicator with bins: make bin 2's upper bound lower than bin 1's
  const firstUpper = page.locator('input[id$="-bins-0-lt"]').first();
  const id = (await firstUpper.getAttribute("id"))!;
  const prefix = id.replace(/-bins-0-lt$/, "");
  const path = `${prefix.slice(2).replace(/-/g, ".")}.bins.1.lt`;
  const upper0 = Number(await firstUpper.inputValue());
  const second = page.locator(`#${prefix}-bins-1-lt`);
  const original = await second.inputValue();
  await second.fill(String(upper0 - 1));
  await page.getByTestId("save-draft").click();
  await expect(page.getByTestId("model-error")).toBeVisible();
  await expect(page.locator(`[data-field-error="${path}"]`)).toContainText(/上限|bound/);
  await expect(second).toHaveAttribute("aria-invalid", "true");

  // fix it, and give the best bin one more point
  await second.fill(original);
  const points0 = page.locator(`#${prefix}-bins-0-value`);
  await points0.fill(String(Number(await points0.inputValue()) + 1));
  await page.getByTestId("save-draft").click();
  await expect(page.getByTestId("model-success")).toBeVisible();
  await expect(page.locator(`[data-field-error="${path}"]`)).toHaveCount(0);

  // the diff against the version it came from names the change
  await expect(page.getByTestId("diff-table")).toContainText("bins.0");

  await page.getByTestId("run-impact").click();
  await expect(page.getByTestId("impact-summary")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("impact-matrix")).toBeVisible();

  await page.getByTestId("publish").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm").click();
  await expect(page.getByTestId("version-status")).toHaveText(/生效|Published/);
  await expect(page.getByTestId("save-draft")).toHaveCount(0);

  // batch re-rating of the book under the new version, with progress to the end
  await page.getByTestId("start-rerating").click();
  await expect(page.getByTestId("rerating-jobs").getByTestId("rerating-status").first()).toHaveText(/已完成|Finished/, { timeout: 90_000 });
  await expect(page.getByTestId("rerating-progress").first()).toHaveText(/(\d[\d,]*) \/ \1|(\d[\d,]*) of \2/);

  // the old version is retired, in the list
  await page.goto("/admin/models");
  await expect(page.getByTestId("version-public-institution-scorecard-1")).toContainText(/已停用|Retired/);
});
