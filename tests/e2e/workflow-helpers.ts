import { expect, type Page } from "@playwright/test";
import { loginOk, logout } from "./helpers";

export const GRADES = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C"];
export const better = (g: string, n: number) => GRADES[Math.max(0, GRADES.indexOf(g) - n)];

/** Runs the system rating, saves the direct evaluation with `grade` (or the system grade) and submits. */
export async function rateEvaluateSubmit(page: Page, pickGrade?: (system: string) => string) {
  await page.getByTestId("run-rating").click();
  await expect(page.getByTestId("system-grade")).toBeVisible();
  const system = (await page.getByTestId("system-grade").innerText()).trim();
  const grade = pickGrade ? pickGrade(system) : system;
  await page.locator("#eval-grade").selectOption(grade);
  if (grade !== system) {
    await page.locator("#eval-reason-code").selectOption("OR02");
    await page.locator("#eval-reason").fill("集团支持力度强,模型未反映");
  }
  await page.locator("#eval-suggested").selectOption(grade);
  await page.locator("#eval-opinion").fill("经营稳定,现金流充足,财务数据真实");
  await page.locator("#eval-risk").fill("信用风险可控,建议核定等级");
  await page.getByTestId("save-evaluation").click();
  await expect(page.getByTestId("evaluation-form").getByTestId("alert-success")).toBeVisible();
  await page.getByTestId("action-submit").click();
  await expect(page.getByTestId("application-status")).toHaveText(/审批中|In review/);
  return { system, grade };
}

/** Signs in as `user`, opens the application from the to-do list and acts on it. */
export async function actFromTodo(page: Page, user: string, reference: string, action: "agree" | "return", opinion: string, grade?: string) {
  await loginOk(page, user, /\/dashboard$/);
  await page.goto("/todo");
  await page.getByRole("link", { name: reference }).click();
  await expect(page.getByTestId(`action-${action}`)).toBeVisible();
  await page.locator("#action-opinion").fill(opinion);
  if (grade) await page.locator("#action-grade").selectOption(grade);
  await page.getByTestId(`action-${action}`).click();
  await expect(page.getByTestId(`action-${action}`)).toHaveCount(0);
  const status = (await page.getByTestId("application-status").innerText()).trim();
  await logout(page);
  return status;
}

export async function reference(page: Page) {
  const sub = await page.getByTestId("application-view").locator("p").first().innerText();
  return sub.split("·")[0].trim();
}
