import { expect, test, type Page } from "@playwright/test";
import { login, loginOk, logout } from "./helpers";

/** The value of the <option> whose text contains `text` (institution pickers show "name (CODE)"). */
async function optionValue(page: Page, select: string, text: string): Promise<string> {
  const value = await page.locator(`${select} option`, { hasText: text }).first().getAttribute("value");
  expect(value).not.toBeNull();
  return value!;
}

test("an admin creates a user, who then signs in; deactivating the user ends that open session", async ({ page, browser }) => {
  const username = `e2e.user${Date.now() % 1_000_000}`;
  const password = "E2e#Password2026";
  await loginOk(page, "admin", /\/admin$/);
  await page.getByTestId("nav-admin-users").last().click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByTestId("user-table").locator("tbody tr")).toHaveCount(20);
  await page.getByTestId("user-new").click();
  await expect(page).toHaveURL(/\/admin\/users\/new$/);

  // a taken username and a weak password are refused at their fields
  await page.locator("#new-username").fill("bj.rater");
  await page.locator("#new-displayName").fill("端到端测试员");
  await page.locator("#new-email").fill(`${username}@demo-bank.test`);
  await page.locator("#new-role").selectOption("rater");
  await page.locator("#new-institutionId").selectOption(await optionValue(page, "#new-institutionId", "(BJ01)"));
  await page.locator("#new-password").fill("short");
  await page.getByTestId("user-create-submit").click();
  await expect(page.locator("[data-field-error=new-password]")).toBeVisible();
  await page.locator("#new-password").fill(password);
  await page.getByTestId("user-create-submit").click();
  await expect(page.locator("[data-field-error=new-username]")).toContainText("已被使用");

  await page.locator("#new-username").fill(username);
  await page.getByTestId("user-create-submit").click();
  await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByTestId("alert-success")).toContainText(username);
  await expect(page.getByTestId("user-username")).toHaveText(username);
  const userUrl = page.url().replace(/\?.*$/, "");

  // the new user signs in, in a browser of their own
  const theirs = await browser.newContext({ locale: "zh-CN" });
  const userPage = await theirs.newPage();
  await login(userPage, username, password);
  await expect(userPage).toHaveURL(/\/dashboard$/);
  await expect(userPage.getByTestId("current-user")).toContainText("端到端测试员");

  // the admin deactivates the account; the user's next request finds the session gone
  page.once("dialog", (d) => d.accept());
  await page.goto(userUrl);
  await page.getByTestId("user-deactivate").click();
  await expect(page.getByTestId("alert-success")).toBeVisible();
  await expect(page.getByTestId("user-status")).toHaveText("停用");
  await userPage.goto("/customers");
  await expect(userPage).toHaveURL(/\/login/);
  await login(userPage, username, password);
  await expect(userPage.getByTestId("login-error")).toHaveAttribute("data-code", "ACCOUNT_DISABLED");
  await theirs.close();
});

test("an admin moves an institution with its subtree, and a move below itself is refused", async ({ page }) => {
  await loginOk(page, "admin", /\/admin$/);
  await page.goto("/admin/institutions");
  const tree = page.getByTestId("institution-admin-tree");
  const bjPath = await tree.getByTestId("inst-node-BJ").getAttribute("data-path");
  const shPath = await tree.getByTestId("inst-node-SH").getAttribute("data-path");
  const bj02Before = await tree.getByTestId("inst-node-BJ02").getAttribute("data-path");
  expect(bj02Before!.startsWith(bjPath!)).toBe(true);

  // the filter narrows the tree to the matches and their ancestors
  await page.locator("#institution-filter").fill("朝阳");
  await expect(tree.getByTestId("inst-node-SH")).toHaveCount(0);
  await tree.getByTestId("inst-node-BJ02").getByRole("button", { name: /BJ02/ }).click();
  await page.locator("#institution-filter").fill("");
  await expect(tree.getByTestId("inst-node-SH")).toBeVisible();
  await expect(page.getByTestId("institution-parent")).toContainText("(BJ)");
  await page.locator("#move-parentId").selectOption(await optionValue(page, "#move-parentId", "(SH)"));
  await page.getByTestId("institution-move-submit").click();
  await expect(page.getByTestId("institution-move-form").getByTestId("alert-success")).toBeVisible();
  await expect(page.getByTestId("institution-parent")).toContainText("(SH)");
  // the tree shows it under Shanghai now, with the rewritten path
  const moved = tree.getByTestId("inst-node-SH").getByTestId("inst-node-BJ02");
  await expect(moved).toBeVisible();
  expect(await moved.getAttribute("data-path")).toBe(`${shPath}${bj02Before!.split("/").filter(Boolean).pop()}/`);
  await expect(page.getByTestId("institution-path")).toHaveText((await moved.getAttribute("data-path"))!);

  // the move is in the audit log with before and after
  await page.goto("/admin/audit?action=admin.institution.move");
  const row = page.getByTestId("audit-row").first();
  await expect(row).toHaveAttribute("data-action", "admin.institution.move");
  await row.getByRole("button").click();
  await expect(page.getByTestId("audit-diff")).toContainText("parentCode");
  await expect(page.getByTestId("audit-diff")).toContainText("SH");

  // and back where it was, so the demo tree is unchanged for other tests
  await page.goto("/admin/institutions");
  await tree.getByTestId("inst-node-BJ02").getByRole("button", { name: /BJ02/ }).click();
  await page.locator("#move-parentId").selectOption(await optionValue(page, "#move-parentId", "(BJ)"));
  await page.getByTestId("institution-move-submit").click();
  await expect(page.getByTestId("institution-parent")).toContainText("(BJ)");
  expect(await tree.getByTestId("inst-node-BJ02").getAttribute("data-path")).toBe(bj02Before);

  // the picker never offers the institution's own subtree; a hand-made request is refused with a field error
  await tree.getByTestId("inst-node-BJ").getByRole("button", { name: /BJ$/ }).first().click();
  await expect(page.locator("#move-parentId option", { hasText: "(BJ01)" })).toHaveCount(0);
  const bjId = Number(bjPath!.split("/").filter(Boolean).pop());
  const bj01Id = Number((await tree.getByTestId("inst-node-BJ01").getAttribute("data-path"))!.split("/").filter(Boolean).pop());
  const res = await page.request.post("/api/trpc/admin.institutions.move?batch=1", { data: { 0: { json: { id: bjId, parentId: bj01Id } } } });
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain("parentId");
});

test("an admin changes a parameter, sees the change in the audit log, verifies the chain and exports", async ({ page }) => {
  await loginOk(page, "admin", /\/admin$/);
  await page.getByTestId("nav-admin-parameters").last().click();
  const form = page.getByTestId("param-form-rating.validityMonths");
  const input = form.locator("#param-rating-validityMonths");
  await expect(input).toHaveValue("12");
  await input.fill("0");
  await form.getByTestId("param-save-rating.validityMonths").click();
  await expect(form.locator("[data-field-error=param-rating-validityMonths]")).toBeVisible();
  await input.fill("18");
  await form.getByTestId("param-save-rating.validityMonths").click();
  await expect(form.getByTestId("alert-success")).toBeVisible();

  // a bad cron expression is refused at its field by the server as well as the form
  const sync = page.getByTestId("param-form-sync.schedule");
  await sync.locator("#param-sync-schedule-cron").fill("0 25 * * *");
  await sync.getByTestId("param-save-sync.schedule").click();
  await expect(sync.locator("[data-field-error=param-sync-schedule-cron]")).toBeVisible();

  // the per-institution threshold shows where it comes from
  await expect(page.getByTestId("threshold-effective-GD01")).toHaveText("A");
  await expect(page.getByTestId("threshold-source-GD01")).toContainText("广东分行");

  await page.getByTestId("nav-admin-audit").last().click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await page.locator("#audit-entityType").selectOption("parameter");
  await page.locator("#audit-entityId").fill("rating.validityMonths");
  await page.getByTestId("audit-apply").click();
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-action", "admin.parameter.set");
  await rows.first().getByRole("button").click();
  const diff = page.getByTestId("audit-diff");
  await expect(diff).toContainText("12");
  await expect(diff).toContainText("18");

  await page.getByTestId("audit-verify").click();
  await expect(page.getByTestId("audit-verify-result")).toHaveAttribute("data-intact", "true");

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^audit-log-\d{14}\.xlsx$/);
  const [anchor] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-anchor-export").click()]);
  expect(anchor.suggestedFilename()).toMatch(/^audit-anchor-\d+\.json$/);
  const anchorFile = await anchor.path();

  // verifying against the exported hash
  await page.getByTestId("audit-anchor-file").setInputFiles(anchorFile);
  await page.getByTestId("audit-verify").click();
  await expect(page.getByTestId("audit-verify-result")).toHaveAttribute("data-intact", "true");

  // put the parameter back
  await page.goto("/admin/parameters");
  await page.locator("#param-rating-validityMonths").fill("12");
  await page.getByTestId("param-save-rating.validityMonths").click();
  await expect(page.getByTestId("param-form-rating.validityMonths").getByTestId("alert-success")).toBeVisible();
  await logout(page);
});

test("staff cannot reach the admin pages, exports or verification", async ({ page }) => {
  await loginOk(page, "ho.approver", /\/dashboard$/);
  for (const path of ["/admin/users", "/admin/institutions", "/admin/code-lists", "/admin/parameters", "/admin/models", "/admin/audit"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden$/);
  }
  expect((await page.request.get("/api/exports/audit")).status()).toBe(403);
  expect((await page.request.get("/api/exports/audit-anchor")).status()).toBe(403);
  expect((await page.request.post("/api/admin/audit/verify", { data: {} })).status()).toBe(403);
});
