import { expect, test } from "@playwright/test";
import { loginOk } from "./helpers";

// The e2e server generates its own 50-customer CSV source (scripts/e2e-server.mjs, SYNC_SOURCE_CSV_DIR).
test("an admin presses Sync now and sees the run in the history", async ({ page }) => {
  await loginOk(page, "admin", /\/admin$/);
  await page.goto("/admin/sync");
  await page.getByTestId("sync-now").click();
  await expect(page.getByTestId("sync-history").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("sync-history").locator("tbody tr").first()).toContainText(/Succeeded|成功/, { timeout: 30_000 });
});
