import { expect, type Page } from "@playwright/test";

export const PASSWORD = "Rating@2026";

export async function login(page: Page, username: string, password = PASSWORD) {
  await page.goto("/login");
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator("button[type=submit]").click();
}

export async function loginOk(page: Page, username: string, home: RegExp) {
  await login(page, username);
  await expect(page).toHaveURL(home);
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export async function logout(page: Page) {
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login/);
}

/** Calls a tRPC query over HTTP with the page's session cookie, as a hand-crafted request would. */
export async function trpcGet(page: Page, path: string, input: unknown) {
  const q = encodeURIComponent(JSON.stringify({ 0: { json: input } }));
  return page.request.get(`/api/trpc/${path}?batch=1&input=${q}`);
}
