import { expect, test } from "@playwright/test";
import { login, loginOk, logout, PASSWORD } from "./helpers";

test("a wrong password and an unknown user get the same message", async ({ page }) => {
  await login(page, "bj.analyst", "Wrong#Password1");
  const wrong = await page.getByTestId("login-error").innerText();
  await login(page, "no.such.user", "Wrong#Password1");
  await expect(page.getByTestId("login-error")).toHaveText(wrong);
  await expect(page).toHaveURL(/\/login/);
});

test("empty fields are flagged at the field", async ({ page }) => {
  await page.goto("/login");
  await page.locator("button[type=submit]").click();
  await expect(page.locator("[data-field-error=username]")).toBeVisible();
  await expect(page.locator("[data-field-error=password]")).toBeVisible();
});

test("five failures lock the account with a clear message", async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await login(page, "sc.risk_reviewer", `Wrong#Password${i}`);
    await expect(page.getByTestId("login-error")).toBeVisible();
  }
  await expect(page.getByTestId("login-error")).toHaveAttribute("data-code", "ACCOUNT_LOCKED");
  await login(page, "sc.risk_reviewer", PASSWORD);
  await expect(page.getByTestId("login-error")).toHaveAttribute("data-code", "ACCOUNT_LOCKED");
  await expect(page).toHaveURL(/\/login/);
});

test("the language choice is remembered per user", async ({ page, context }) => {
  await loginOk(page, "sc.approver", /\/dashboard$/);
  await expect(page.getByTestId("nav-todo").first()).toContainText("待处理任务");
  await page.getByTestId("language-switch").click();
  await expect(page.getByTestId("nav-todo").first()).toContainText("To-do");
  await logout(page);
  await context.clearCookies();
  await loginOk(page, "sc.approver", /\/dashboard$/);
  await expect(page.getByTestId("nav-todo").first()).toContainText("To-do");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
