import { expect, test } from "@playwright/test";
import { loginOk } from "./helpers";

test("registration shows translated field errors, then registers an individual who can sign in", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("个人").check();
  await page.locator("#fullName").fill("赵六");
  await page.locator("#idNumber").fill("110105194912310021"); // wrong check digit
  await page.locator("#phone").fill("123");
  await page.locator("#email").fill("zhao.liu@example.cn");
  await page.locator("#institutionId").selectOption({ index: 1 });
  await page.locator("#username").fill("zhao.liu");
  await page.locator("#password").fill("weakpass");
  await page.locator("#passwordConfirm").fill("other");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.locator("[data-field-error=idNumber]")).toContainText("校验位");
  await expect(page.locator("[data-field-error=phone]")).toBeVisible();
  await expect(page.locator("[data-field-error=password]")).toBeVisible();
  await expect(page.locator("[data-field-error=passwordConfirm]")).toBeVisible();
  await expect(page).toHaveURL(/\/register/);

  await page.locator("#idNumber").fill("11010519491231002X");
  await page.locator("#phone").fill("13912345678");
  await page.locator("#password").fill("Zhao#Liu2026x");
  await page.locator("#passwordConfirm").fill("Zhao#Liu2026x");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/login\?registered=1/);

  await page.locator("#username").fill("zhao.liu");
  await page.locator("#password").fill("Zhao#Liu2026x");
  await page.locator("button[type=submit]").click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId("portal-home")).toContainText("赵六");
});

test("a duplicate username is reported by the server at the field", async ({ page }) => {
  await page.goto("/register");
  await page.locator("#enterpriseName").fill("重复测试有限公司");
  await page.locator("#creditCode").fill("91110000100017643K");
  await page.locator("#contactName").fill("测试");
  await page.locator("#phone").fill("13912345679");
  await page.locator("#email").fill("dup@example.cn");
  await page.locator("#institutionId").selectOption({ index: 1 });
  await page.locator("#username").fill("bj.rater");
  await page.locator("#password").fill("Dup#Test2026x");
  await page.locator("#passwordConfirm").fill("Dup#Test2026x");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.locator("[data-field-error=username]")).toContainText("已被使用");
});

test("an admin sees the institution tree", async ({ page }) => {
  await loginOk(page, "admin", /\/admin$/);
  await expect(page.getByTestId("institution-tree").locator("li")).toHaveCount(13);
});
