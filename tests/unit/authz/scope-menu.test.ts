import { describe, expect, it } from "vitest";
import { buildPath, canSeeCustomer, isWithinSubtree, wouldCreateCycle } from "@/server/domain/authz/scope";
import { homeFor, menuFor } from "@/server/domain/authz/menu";
import { ROLES } from "@/server/domain/authz/roles";
import { can } from "@/server/domain/authz/permissions";

describe("institution scope", () => {
  it("covers the institution and everything below it, nothing beside or above", () => {
    expect(isWithinSubtree("/1/2/", "/1/2/")).toBe(true);
    expect(isWithinSubtree("/1/2/", "/1/2/7/")).toBe(true);
    expect(isWithinSubtree("/1/", "/1/2/7/")).toBe(true);
    expect(isWithinSubtree("/1/2/", "/1/3/")).toBe(false);
    expect(isWithinSubtree("/1/2/", "/1/")).toBe(false);
    // id 2 must not match id 22: the trailing slash makes the prefix exact
    expect(isWithinSubtree("/1/2/", "/1/22/")).toBe(false);
  });

  it("builds paths from the parent path", () => {
    expect(buildPath(null, 1)).toBe("/1/");
    expect(buildPath("/1/", 5)).toBe("/1/5/");
  });

  it("refuses moves below oneself", () => {
    expect(wouldCreateCycle("/1/2/", "/1/2/9/")).toBe(true);
    expect(wouldCreateCycle("/1/2/", "/1/2/")).toBe(true);
    expect(wouldCreateCycle("/1/2/", "/1/3/")).toBe(false);
  });

  it("lets staff see customers of their subtree and applicants only their own", () => {
    const staff = { userId: "u1", role: "rater", institutionPath: "/1/2/", isApplicant: false };
    expect(canSeeCustomer(staff, { institutionPath: "/1/2/5/", applicantUserId: null })).toBe(true);
    expect(canSeeCustomer(staff, { institutionPath: "/1/3/", applicantUserId: null })).toBe(false);
    const applicant = { userId: "a1", role: "applicant_individual", institutionPath: "/1/2/", isApplicant: true };
    expect(canSeeCustomer(applicant, { institutionPath: "/1/2/", applicantUserId: "a1" })).toBe(true);
    expect(canSeeCustomer(applicant, { institutionPath: "/1/2/", applicantUserId: "a2" })).toBe(false);
    expect(canSeeCustomer(applicant, { institutionPath: "/1/2/", applicantUserId: null })).toBe(false);
    expect(canSeeCustomer({ ...staff, institutionPath: null }, { institutionPath: "/1/", applicantUserId: null })).toBe(false);
  });
});

describe("menus", () => {
  it("show only what the role's permissions allow", () => {
    for (const role of ROLES) {
      for (const area of ["staff", "portal", "admin"] as const) {
        for (const item of menuFor(role, area)) expect(can(role, item.permission)).toBe(true);
      }
    }
  });

  it("differ by role", () => {
    expect(menuFor("rater", "staff").map((i) => i.key)).toContain("todo");
    expect(menuFor("analyst", "staff").map((i) => i.key)).not.toContain("todo");
    expect(menuFor("applicant_enterprise", "staff")).toHaveLength(0);
    expect(menuFor("admin", "staff")).toHaveLength(0);
    expect(menuFor("admin", "admin").length).toBeGreaterThan(0);
    expect(menuFor("approver", "admin")).toHaveLength(0);
  });

  it("sends each role to its home", () => {
    expect(homeFor("admin")).toBe("/admin");
    expect(homeFor("applicant_individual")).toBe("/portal");
    expect(homeFor("rater")).toBe("/dashboard");
    expect(homeFor("analyst")).toBe("/dashboard");
  });
});
