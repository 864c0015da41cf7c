import { expect, test } from "@playwright/test";
import { loginOk, logout } from "./helpers";

// Each demo role and the menu it must see (hrefs), derived by hand from the permission table.
const STAFF = ["/dashboard", "/todo", "/ratings", "/customers", "/statistics"];
const CASES: { user: string; home: RegExp; menu: string[] }[] = [
  { user: "admin", home: /\/admin$/, menu: ["/admin", "/admin/users", "/admin/institutions", "/admin/code-lists", "/admin/parameters", "/admin/models", "/admin/audit", "/admin/sync"] },
  { user: "ho.rater", home: /\/dashboard$/, menu: STAFF },
  { user: "bj.reviewer", home: /\/dashboard$/, menu: STAFF },
  { user: "bj.risk_officer", home: /\/dashboard$/, menu: STAFF },
  { user: "sh.risk_reviewer", home: /\/dashboard$/, menu: STAFF },
  { user: "gd.approver", home: /\/dashboard$/, menu: STAFF },
  { user: "ho.analyst", home: /\/dashboard$/, menu: ["/dashboard", "/ratings", "/customers", "/statistics"] },
  { user: "ent.applicant1", home: /\/portal$/, menu: ["/portal"] },
  { user: "ind.applicant1", home: /\/portal$/, menu: ["/portal"] },
];

for (const c of CASES) {
  test(`${c.user} signs in and sees the menu of its role`, async ({ page }) => {
    await loginOk(page, c.user, c.home);
    const hrefs = await page.getByTestId("main-nav").first().locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    // the nav is rendered twice (mobile disclosure + sidebar); each copy holds the same links
    expect([...new Set(hrefs)]).toEqual(c.menu);
    await logout(page);
  });
}

test("the dashboard shows the branch's own figures", async ({ page }) => {
  await loginOk(page, "bj.rater", /\/dashboard$/);
  const n = Number((await page.getByTestId("stat-customers").innerText()).replace(/\D/g, ""));
  expect(n).toBeGreaterThan(10);
  await logout(page);
  await loginOk(page, "ho.rater", /\/dashboard$/);
  const all = Number((await page.getByTestId("stat-customers").innerText()).replace(/\D/g, ""));
  expect(all).toBeGreaterThan(n);
});
