import { expect, test } from "@playwright/test";
import { loginOk, logout } from "./helpers";
import { actFromTodo, better, GRADES, rateEvaluateSubmit, reference } from "./workflow-helpers";

test.describe.configure({ timeout: 240_000 });

async function startForCustomerWithGrade(page: import("@playwright/test").Page, rater: string, grade: string) {
  await loginOk(page, rater, /\/dashboard$/);
  await page.goto(`/customers?type=corporate&grade=${grade}`);
  await page.getByTestId("customer-table").locator("a").first().click();
  await page.getByTestId("start-rating").click();
  await expect(page).toHaveURL(/\/ratings\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("application-view")).toBeVisible();
  return reference(page);
}

test("a low grade is finished at the branch and the report shows every opinion", async ({ page }) => {
  const ref = await startForCustomerWithGrade(page, "bj.rater", "B");
  const { grade } = await rateEvaluateSubmit(page, (s) => (GRADES.indexOf(s) < GRADES.indexOf("BBB") ? "BBB" : s));
  await logout(page);
  for (const user of ["bj.reviewer", "bj.risk_officer", "bj.risk_reviewer"]) {
    expect(await actFromTodo(page, user, ref, "agree", `${user} 同意`)).toMatch(/审批中|In review/);
  }
  expect(await actFromTodo(page, "bj.approver", ref, "agree", "同意认定")).toMatch(/已认定|Approved/);
  await loginOk(page, "bj.analyst", /\/dashboard$/);
  await page.goto(`/ratings?q=${ref}`);
  await page.getByRole("link", { name: ref }).click();
  await expect(page.getByTestId("final-grade")).toContainText(grade);
  await page.getByTestId("open-report").click();
  await expect(page.getByTestId("report-final-grade")).toHaveText(grade);
  await expect(page.getByTestId("document-report")).toContainText("bj.risk_reviewer 同意");
});

test("a return to the rater and a resubmission restart the chain", async ({ page }) => {
  const ref = await startForCustomerWithGrade(page, "sh.rater", "BB");
  await rateEvaluateSubmit(page, (s) => (GRADES.indexOf(s) < GRADES.indexOf("BBB") ? "BBB" : s));
  await logout(page);
  await actFromTodo(page, "sh.reviewer", ref, "agree", "同意");
  expect(await actFromTodo(page, "sh.risk_officer", ref, "return", "请补充担保合同")).toMatch(/已退回|Returned/);
  await loginOk(page, "sh.rater", /\/dashboard$/);
  await page.goto("/todo");
  await page.getByRole("link", { name: ref }).click();
  await expect(page.getByTestId("alert-info").filter({ hasText: "请补充担保合同" })).toBeVisible();
  await page.getByTestId("action-submit").click();
  await expect(page.getByTestId("application-stage")).toHaveText(/业务审核|Business review/);
  await logout(page);
  await actFromTodo(page, "sh.reviewer", ref, "agree", "补充材料已核实,同意");
  await loginOk(page, "sh.analyst", /\/dashboard$/);
  await page.goto(`/ratings?q=${ref}`);
  await page.getByRole("link", { name: ref }).click();
  await expect(page.getByTestId("approval-trail").locator("li")).toHaveCount(5);
});

test("an applicant's submission goes through every branch level and the head-office escalation; the applicant reads the notice", async ({ page }) => {
  // GD escalates from grade A upwards (a per-institution parameter in the demo data).
  await loginOk(page, "ent.applicant2", /\/portal$/);
  await page.getByTestId("start-rating").click();
  await expect(page).toHaveURL(/\/portal\/applications\//);
  const ref = await reference(page);
  await page.getByTestId("action-applicant_submit").click();
  await expect(page.getByTestId("application-status")).toHaveText(/已提交|Submitted/);
  await logout(page);

  await loginOk(page, "gd.rater", /\/dashboard$/);
  await page.goto("/todo");
  await page.getByRole("link", { name: ref }).click();
  const { grade: raterGrade } = await rateEvaluateSubmit(page, (s) => better(s, 2));
  await logout(page);
  // each level may lift one notch; lift until the grade reaches the escalation threshold A
  let g = raterGrade;
  for (const user of ["gd.reviewer", "gd.risk_officer", "gd.risk_reviewer", "gd.approver"]) {
    const next = GRADES.indexOf(g) > GRADES.indexOf("A") ? better(g, 1) : undefined;
    if (next) g = next;
    await actFromTodo(page, user, ref, "agree", "同意", next);
  }
  expect(GRADES.indexOf(g)).toBeLessThanOrEqual(GRADES.indexOf("A"));
  for (const user of ["ho.risk_officer", "ho.risk_reviewer"]) expect(await actFromTodo(page, user, ref, "agree", "总行同意")).toMatch(/审批中|In review/);
  expect(await actFromTodo(page, "ho.approver", ref, "agree", "总行认定")).toMatch(/已认定|Approved/);

  await loginOk(page, "ent.applicant2", /\/portal$/);
  await page.getByRole("link", { name: ref }).click();
  await expect(page.getByTestId("final-grade")).toContainText(g);
  await expect(page.getByTestId("approval-trail")).toHaveCount(0); // internal opinions stay internal
  await page.getByTestId("open-notice").click();
  await expect(page.getByTestId("document-notice")).toContainText(g);
});

test("another branch's application is refused by the server", async ({ page }) => {
  const ref = await startForCustomerWithGrade(page, "sc.rater", "BBB");
  const url = page.url();
  await logout(page);
  await loginOk(page, "bj.reviewer", /\/dashboard$/);
  await page.goto(url);
  await expect(page.getByRole("alert").filter({ hasText: /管辖范围|scope/ })).toBeVisible();
  await expect(page.getByText(ref)).toHaveCount(0);
});

test.describe("in English", () => {
  test.use({ locale: "en-US" });

  test("a low grade is finished at the branch in English, with English statuses and report", async ({ page }) => {
    // the language is remembered per user: have each of them choose English once
    for (const user of ["gd.rater", "gd.reviewer", "gd.risk_officer", "gd.risk_reviewer", "gd.approver", "gd.analyst"]) {
      await loginOk(page, user, /\/dashboard$/);
      if ((await page.locator("html").getAttribute("lang")) !== "en") {
        await page.getByTestId("language-switch").click();
        await expect(page.locator("html")).toHaveAttribute("lang", "en");
      }
      await logout(page);
    }
    // a corporate customer of GD with a grade below the escalation threshold A
    await loginOk(page, "gd.rater", /\/dashboard$/);
    let found = false;
    for (const g of ["B", "BB", "BBB", "CCC"]) {
      await page.goto(`/customers?type=corporate&grade=${g}`);
      await expect(page.getByTestId("customer-table")).toBeVisible();
      await page.waitForLoadState("networkidle");
      if ((await page.getByTestId("customer-table").locator("a").count()) > 0) {
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
    await page.getByTestId("customer-table").locator("a").first().click();
    await page.getByTestId("start-rating").click();
    await expect(page).toHaveURL(/\/ratings\/[0-9a-f-]{36}$/);
    const ref = await reference(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const { grade } = await rateEvaluateSubmit(page, (s) => (GRADES.indexOf(s) < GRADES.indexOf("BBB") ? "BBB" : s));
    await logout(page);
    for (const user of ["gd.reviewer", "gd.risk_officer", "gd.risk_reviewer"]) {
      expect(await actFromTodo(page, user, ref, "agree", `${user} agrees`)).toBe("In review");
    }
    expect(await actFromTodo(page, "gd.approver", ref, "agree", "Rating determined")).toBe("Approved");
    await loginOk(page, "gd.analyst", /\/dashboard$/);
    await page.goto(`/ratings?q=${ref}`);
    await page.getByRole("link", { name: ref }).click();
    await expect(page.getByTestId("final-grade")).toContainText(grade);
    await page.getByTestId("open-report").click();
    await expect(page.getByTestId("report-final-grade")).toHaveText(grade);
    await expect(page.getByTestId("document-report")).toContainText("gd.risk_reviewer agrees");
    await expect(page.getByTestId("document-report")).toContainText(/Rating report/i);
  });
});

test("an approver re-grades an effective rating with a reason; the customer shows the new grade", async ({ page }) => {
  await loginOk(page, "bj.approver", /\/dashboard$/);
  await page.goto("/customers?type=sme&grade=BBB");
  await page.getByTestId("customer-table").locator("a").first().click();
  await expect(page.getByTestId("customer-detail")).toBeVisible();
  await page.getByTestId("regrade-open").click();
  await page.locator("#regrade-grade").selectOption("BB");
  await page.getByTestId("regrade-submit").click();
  // no reason code and no reason: refused at the fields, nothing changes
  await expect(page.locator('[data-field-error="reasonCode"]')).toBeVisible();
  await expect(page.locator('[data-field-error="reason"]')).toBeVisible();
  await page.locator("#regrade-code").selectOption("OR02");
  await page.locator("#regrade-reason").fill("客户主要销售合同到期未续签,下调一级");
  await page.getByTestId("regrade-submit").click();
  await expect(page.getByTestId("regrade-message")).toContainText(/已调整为 BB|Re-graded to BB/);
  await expect(page.getByRole("heading", { name: /^(当前评级|Current rating): BB$/ })).toBeVisible();
});
