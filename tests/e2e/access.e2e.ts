import { expect, test } from "@playwright/test";
import { loginOk, logout, trpcGet } from "./helpers";

test("an anonymous visitor is sent to the login page", async ({ page }) => {
  await page.goto("/customers");
  await expect(page).toHaveURL(/\/login/);
  const res = await trpcGet(page, "customers.list", {});
  expect(res.status()).toBe(401);
});

test("an applicant cannot open staff or admin pages, nor call staff procedures", async ({ page }) => {
  await loginOk(page, "ent.applicant1", /\/portal$/);
  for (const path of ["/dashboard", "/customers", "/todo", "/admin"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  const res = await trpcGet(page, "customers.list", {});
  expect(res.status()).toBe(403);
  const body = await res.text();
  expect(body).not.toMatch(/select|stack|at \w+ \(/i);
});

test("staff cannot open the admin area", async ({ page }) => {
  await loginOk(page, "ho.approver", /\/dashboard$/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/forbidden$/);
  const res = await trpcGet(page, "admin.overview", undefined);
  expect(res.status()).toBe(403);
});

test("a branch user asking for another branch's customer by id is refused by the server", async ({ page }) => {
  // Find a Shanghai customer as a Shanghai rater would.
  await loginOk(page, "sh.rater", /\/dashboard$/);
  await page.goto("/customers");
  const href = await page.getByTestId("customer-table").locator("a").first().getAttribute("href");
  expect(href).toMatch(/^\/customers\/[0-9a-f-]{36}$/);
  await page.goto(href!);
  await expect(page.getByTestId("customer-detail")).toBeVisible();
  await logout(page);

  // A Beijing rater types the same URL: the page refuses, and so does the API.
  await loginOk(page, "bj.rater", /\/dashboard$/);
  await page.goto(href!);
  await expect(page.getByTestId("customer-refused")).toBeVisible();
  await expect(page.getByTestId("customer-detail")).toHaveCount(0);
  const res = await trpcGet(page, "customers.get", { id: href!.split("/").pop() });
  expect(res.status()).toBe(403);
  const json = await res.json();
  expect(JSON.stringify(json)).not.toContain("C1"); // no customer code leaks in the refusal
});

test("health reports the database in use", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: process.env.DATABASE_URL ? "postgres" : "pglite" });
});
