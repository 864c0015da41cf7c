import { describe, expect, it } from "vitest";
import { checkUserChange, createUserInput, endsSessions, resetPasswordProblems, type UserFacts } from "@/server/domain/admin/users";
import { DomainError } from "@/server/domain/errors";

const admin = (id: string, status: "active" | "inactive" = "active"): UserFacts => ({ id, username: id, role: "admin", status, institutionId: 1 });
const rater: UserFacts = { id: "r1", username: "r1", role: "rater", status: "active", institutionId: 2 };

function refusal(fn: () => void): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.fields.map((f) => `${f.path}:${f.message}`);
    throw e;
  }
  return [];
}

describe("user change rules", () => {
  it("refuses removing the last active admin, by role or by status", () => {
    expect(refusal(() => checkUserChange("a2", admin("a1"), { role: "analyst" }, ["a1"]))).toEqual(["role:admin.users.error.lastAdmin"]);
    expect(refusal(() => checkUserChange("a2", admin("a1"), { status: "inactive" }, ["a1"]))).toEqual(["status:admin.users.error.lastAdmin"]);
  });

  it("allows demoting an admin when another active admin remains", () => {
    expect(refusal(() => checkUserChange("a2", admin("a1"), { role: "analyst" }, ["a1", "a2"]))).toEqual([]);
    expect(refusal(() => checkUserChange("a2", admin("a1"), { status: "inactive" }, ["a1", "a2"]))).toEqual([]);
  });

  it("does not count inactive admins, and ignores changes that keep the admin", () => {
    // a1 is the only active admin; an inactive admin does not save the day
    expect(refusal(() => checkUserChange("x", admin("a1"), { role: "rater" }, ["a1"]))).toContain("role:admin.users.error.lastAdmin");
    expect(refusal(() => checkUserChange("x", admin("a1"), { role: "admin", institutionId: 5 }, ["a1"]))).toEqual([]);
    // reactivating or re-roling an inactive admin never removes an active one
    expect(refusal(() => checkUserChange("x", admin("a9", "inactive"), { role: "rater" }, ["a1"]))).toEqual([]);
  });

  it("refuses an admin's own admin role and own deactivation, even with other admins", () => {
    expect(refusal(() => checkUserChange("a1", admin("a1"), { role: "approver" }, ["a1", "a2"]))).toEqual(["role:admin.users.error.ownAdminRole"]);
    expect(refusal(() => checkUserChange("a1", admin("a1"), { status: "inactive" }, ["a1", "a2"]))).toEqual(["status:admin.users.error.ownStatus"]);
    expect(refusal(() => checkUserChange("a1", admin("a1"), { institutionId: 3 }, ["a1", "a2"]))).toEqual([]);
  });

  it("keeps applicants and staff apart", () => {
    const applicant: UserFacts = { id: "p1", username: "p1", role: "applicant_enterprise", status: "active", institutionId: 2 };
    expect(refusal(() => checkUserChange("a1", applicant, { role: "rater" }, ["a1"]))).toEqual(["role:admin.users.error.applicantRole"]);
    expect(refusal(() => checkUserChange("a1", rater, { role: "applicant_individual" }, ["a1"]))).toEqual(["role:admin.users.error.applicantRole"]);
    expect(refusal(() => checkUserChange("a1", applicant, { role: "applicant_enterprise", institutionId: 4 }, ["a1"]))).toEqual([]);
    expect(refusal(() => checkUserChange("a1", rater, { role: "approver" }, ["a1"]))).toEqual([]);
  });

  it("ends sessions exactly when role, institution, status or password change", () => {
    expect(endsSessions(rater, { role: "rater", institutionId: 2 })).toBe(false);
    expect(endsSessions(rater, { role: "reviewer" })).toBe(true);
    expect(endsSessions(rater, { institutionId: 3 })).toBe(true);
    expect(endsSessions(rater, { status: "inactive" })).toBe(true);
    expect(endsSessions(rater, { status: "active" })).toBe(false);
    expect(endsSessions(rater, { password: true })).toBe(true);
  });
});

describe("user forms", () => {
  const valid = { username: "new.rater", displayName: "新员工", email: "New.Rater@bank.test", role: "rater", institutionId: "3", password: "Strong#Pass2026" };

  it("accepts a valid staff user and coerces the institution", () => {
    const r = createUserInput.parse(valid);
    expect(r.institutionId).toBe(3);
    expect(r.phone).toBeNull();
    expect(r.locale).toBe("zh");
  });

  it("applies the password policy, with the username", () => {
    const issues = (pw: string) => {
      const r = createUserInput.safeParse({ ...valid, password: pw });
      return r.success ? [] : r.error.issues.filter((i) => i.path[0] === "password").map((i) => i.message);
    };
    expect(issues("short1A!")).toContain("password.tooShort");
    expect(issues("alllowercaseletters")).toContain("password.tooSimple");
    expect(issues("xNew.Rater#2026")).toContain("password.containsUsername");
    expect(issues("Strong#Pass2026")).toEqual([]);
    expect(resetPasswordProblems("Abc#1", "bj.rater").map((f) => f.message)).toContain("password.tooShort");
    expect(resetPasswordProblems("Bj.Rater#20266", "bj.rater").map((f) => f.message)).toEqual(["password.containsUsername"]);
  });

  it("refuses applicant roles, bad usernames, emails and phones at their fields", () => {
    const r = createUserInput.safeParse({ ...valid, role: "applicant_individual", username: "9x", email: "nope", phone: "123" });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(paths).toEqual(expect.arrayContaining(["username:validation.username", "email:validation.email", "phone:validation.phone"]));
    expect(paths.some((p) => p.startsWith("role:"))).toBe(true);
  });
});
