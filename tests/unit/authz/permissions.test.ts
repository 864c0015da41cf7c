import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, permissionsOf, type Permission } from "@/server/domain/authz/permissions";
import { ROLES, isApplicantRole, type Role } from "@/server/domain/authz/roles";

// The expected table, written out independently: a change to the real table must change this test too.
const EXPECTED: Record<Role, Permission[]> = {
  rater: ["customer.read", "rating.read", "todo.read", "stats.read", "customer.write", "customer.readIdNumber", "rating.create", "rating.submit", "document.upload"],
  reviewer: ["customer.read", "rating.read", "todo.read", "stats.read", "rating.review", "document.upload"],
  risk_officer: ["customer.read", "rating.read", "todo.read", "stats.read", "rating.riskHandle", "document.upload"],
  risk_reviewer: ["customer.read", "rating.read", "todo.read", "stats.read", "rating.riskReview", "document.upload"],
  approver: ["customer.read", "rating.read", "todo.read", "stats.read", "customer.readIdNumber", "rating.approve", "rating.regrade", "stats.export"],
  analyst: ["customer.read", "rating.read", "stats.read", "stats.export"],
  admin: ["admin.access", "admin.users", "admin.institutions", "admin.codeLists", "admin.parameters", "admin.models", "admin.audit", "admin.sync"],
  applicant_enterprise: ["portal.apply", "portal.readOwn", "document.upload"],
  applicant_individual: ["portal.apply", "portal.readOwn", "document.upload"],
};

describe("permission table", () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const expected = EXPECTED[role].includes(permission);
      it(`${role} ${expected ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected);
      });
    }
  }

  it("lists exactly the expected permissions per role", () => {
    for (const role of ROLES) expect([...permissionsOf(role)].sort()).toEqual([...EXPECTED[role]].sort());
  });

  it("keeps admins out of ratings and customer data (separation of duties)", () => {
    for (const p of PERMISSIONS.filter((p) => p.startsWith("rating.") || p.startsWith("customer.") || p.startsWith("portal."))) {
      expect(can("admin", p)).toBe(false);
    }
  });

  it("gives applicants no staff or admin permission", () => {
    for (const role of ROLES.filter(isApplicantRole)) {
      expect(permissionsOf(role).every((p) => p.startsWith("portal.") || p === "document.upload")).toBe(true);
    }
  });

  it("gives exactly one chain stage permission to each chain role", () => {
    const stagePerms: Permission[] = ["rating.review", "rating.riskHandle", "rating.riskReview", "rating.approve"];
    for (const role of ["reviewer", "risk_officer", "risk_reviewer", "approver"] as const) {
      expect(stagePerms.filter((p) => can(role, p))).toHaveLength(1);
    }
    expect(stagePerms.filter((p) => can("rater", p))).toHaveLength(0);
  });
});
