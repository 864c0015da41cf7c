import { describe, expect, it } from "vitest";
import { registrationSchema } from "@/server/domain/validation/registration";
import { passwordProblems } from "@/server/domain/validation/password";

const enterprise = {
  kind: "enterprise",
  username: "acme.fin",
  email: "finance@acme.cn",
  phone: "13800138000",
  password: "Str0ng&Secret",
  passwordConfirm: "Str0ng&Secret",
  institutionId: "3",
  orgType: "sme",
  enterpriseName: "北京示例科技有限公司",
  creditCode: "91110000100017643K",
  contactName: "张三",
};

function issues(input: unknown) {
  const r = registrationSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
}

describe("password policy", () => {
  it("states each broken rule", () => {
    expect(passwordProblems("short1A")).toContain("password.tooShort");
    expect(passwordProblems("alllowercaseletters")).toContain("password.tooSimple");
    expect(passwordProblems("Zhangsan2026!", "zhangsan")).toContain("password.containsUsername");
    expect(passwordProblems("Str0ng&Secret", "acme")).toEqual([]);
    expect(passwordProblems("a".repeat(129))).toContain("password.tooLong");
  });
});

describe("registration schema", () => {
  it("accepts a valid enterprise and coerces the branch id", () => {
    const r = registrationSchema.parse(enterprise);
    expect(r.institutionId).toBe(3);
  });

  it("accepts a valid individual", () => {
    expect(issues({ ...enterprise, kind: "individual", fullName: "李四", idNumber: "11010519491231002x" })).toEqual([]);
  });

  it("names the field of each problem", () => {
    expect(issues({ ...enterprise, creditCode: "91110000100017643A" })).toEqual(["creditCode:validation.uscc"]);
    expect(issues({ ...enterprise, email: "not-an-email" })).toEqual(["email:validation.email"]);
    expect(issues({ ...enterprise, phone: "12345" })).toEqual(["phone:validation.phone"]);
    expect(issues({ ...enterprise, username: "1abc" })).toEqual(["username:validation.username"]);
    expect(issues({ ...enterprise, passwordConfirm: "other" })).toEqual(["passwordConfirm:validation.passwordMismatch"]);
    expect(issues({ ...enterprise, password: "weakpassword", passwordConfirm: "weakpassword" })).toEqual(["password:password.tooSimple"]);
    expect(issues({ ...enterprise, institutionId: "" })).toContain("institutionId:validation.branch");
    expect(issues({ ...enterprise, kind: "individual", fullName: "李四", idNumber: "110105194912310021" })).toEqual(["idNumber:validation.idNumber"]);
  });
});
