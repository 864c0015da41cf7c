import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { loginOk, logout } from "./helpers";
import { reference } from "./workflow-helpers";

test.describe.configure({ timeout: 180_000 });

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const HTML = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

test("an applicant uploads a supporting PDF (a renamed HTML is refused), staff download it and the PDF documents", async ({ page }) => {
  await loginOk(page, "ent.applicant1", /\/portal$/);
  await page.getByTestId("start-rating").click();
  await expect(page).toHaveURL(/\/portal\/applications\//);
  const ref = await reference(page);
  const appId = page.url().split("/").pop()!;

  await page.getByTestId("document-file").setInputFiles({ name: "财务报表.pdf", mimeType: "application/pdf", buffer: HTML });
  await page.getByTestId("document-upload").click();
  await expect(page.getByTestId("document-message")).toContainText("只接受 PDF、JPEG 或 PNG");
  await page.getByTestId("document-file").setInputFiles({ name: "../../营业执照.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByTestId("document-upload").click();
  await expect(page.getByTestId("document-message")).toContainText("不能包含路径");
  await page.getByTestId("document-file").setInputFiles({ name: "2025年审计报告.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByTestId("document-upload").click();
  await expect(page.getByTestId("document-message")).toContainText("已上传");
  await expect(page.getByTestId("document-list")).toContainText("2025年审计报告.pdf");
  // the applicant may not have the internal preliminary document
  expect((await page.request.get(`/documents/${appId}/preliminary/pdf`)).status()).toBe(404);
  await page.getByTestId("action-applicant_submit").click();
  await expect(page.getByTestId("application-status")).toHaveText(/已提交|Submitted/);
  await logout(page);

  await loginOk(page, "bj.rater", /\/dashboard$/);
  await page.goto("/todo");
  await page.getByRole("link", { name: ref }).click();
  await expect(page.getByTestId("document-list")).toContainText("2025年审计报告.pdf");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("document-download").first().click()]);
  expect(fs.readFileSync(await download.path())).toEqual(PDF);
  expect(download.suggestedFilename()).toContain(".pdf");

  for (const lang of ["zh", "en"]) {
    const res = await page.request.get(`/documents/${appId}/preliminary/pdf?lang=${lang}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect((await res.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }
  await logout(page);

  // another branch gets neither the file nor the document
  await loginOk(page, "sh.rater", /\/dashboard$/);
  const list = await page.request.get(`/documents/${appId}/preliminary/pdf`);
  expect(list.status()).toBe(403);
});
