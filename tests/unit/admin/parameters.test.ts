import { describe, expect, it } from "vitest";
import { cronProblems, isValidCron, parseCronField } from "@/server/domain/admin/cron";
import { PARAMETER_DEFS, PARAMETER_KEYS, resolveParameter, validateParameter } from "@/server/domain/admin/parameters";
import { DomainError } from "@/server/domain/errors";
import { GLOBAL_PARAMETERS } from "@/db/seed/parameters";

function issues(key: string, value: unknown, institutionId: number | null = null): string[] {
  try {
    validateParameter(key, value, institutionId);
    return [];
  } catch (e) {
    if (e instanceof DomainError) return e.fields.map((f) => `${f.path}:${f.message}`);
    throw e;
  }
}

describe("parameter validation", () => {
  it("accepts every seeded default and every built-in fallback", () => {
    for (const p of GLOBAL_PARAMETERS.filter((g) => (PARAMETER_KEYS as string[]).includes(g.key))) expect(issues(p.key, p.value)).toEqual([]);
    for (const k of PARAMETER_KEYS) expect(issues(k, PARAMETER_DEFS[k].fallback)).toEqual([]);
  });

  it("names the offending field of each value", () => {
    expect(issues("escalation.grade", "D")).toEqual(["value:admin.parameters.error.grade"]);
    expect(issues("rating.validityMonths", 0)).toEqual(["value:admin.parameters.error.validityMonths"]);
    expect(issues("rating.validityMonths", 6.5)).toEqual(["value:admin.parameters.error.validityMonths"]);
    expect(issues("rating.validityMonths", "12")).toEqual(["value:admin.parameters.error.validityMonths"]);
    expect(issues("upload.maxBytes", 200 * 1024 * 1024)).toEqual(["value:admin.parameters.error.maxBytes"]);
    expect(issues("upload.allowedTypes", [])).toEqual(["value:admin.parameters.error.allowedTypes"]);
    expect(issues("upload.allowedTypes", ["application/x-msdownload"])).toEqual(["value.0:admin.parameters.error.uploadType"]);
    expect(issues("override.maxNotches", { rater: 2, reviewer: 9, risk_officer: 1, risk_reviewer: 1, approver: 2 })).toEqual(["value.reviewer:admin.parameters.error.notches"]);
    expect(issues("sync.schedule", { enabled: true, cron: "0 25 * * *" })).toEqual(["value.cron:admin.parameters.error.cron.hour"]);
    expect(issues("sync.schedule", { enabled: true, cron: "0 2 * *" })).toEqual(["value.cron:admin.parameters.error.cron.expression"]);
    expect(issues("no.such.key", 1)).toEqual(["key:validation.invalid"]);
  });

  it("allows per-institution values only for inherited keys", () => {
    expect(issues("escalation.grade", "A", 4)).toEqual([]);
    expect(issues("rating.validityMonths", 12, 4)).toEqual(["institutionId:admin.parameters.error.globalOnly"]);
  });

  it("resolves inheritance: own, nearest ancestor, global, default", () => {
    const values = new Map<number | null, string>([[null, "AA"], [2, "A"], [7, "BBB"]]);
    expect(resolveParameter([1, 2, 7], values, "X")).toEqual({ value: "BBB", source: { kind: "own" } });
    expect(resolveParameter([1, 2, 8], values, "X")).toEqual({ value: "A", source: { kind: "inherited", institutionId: 2 } });
    expect(resolveParameter([1, 3], values, "X")).toEqual({ value: "AA", source: { kind: "global" } });
    expect(resolveParameter([1, 3], new Map(), "X")).toEqual({ value: "X", source: { kind: "default" } });
  });
});

describe("cron expressions", () => {
  it("accepts the usual forms", () => {
    for (const c of ["0 2 * * *", "*/15 * * * *", "0 8-18/2 * * 1-5", "30 6 1,15 * *", "0 0 * JAN-MAR MON", "0 0 * * 7", "5 4 * * sun"]) expect(isValidCron(c)).toBe(true);
  });

  it("names the broken field", () => {
    expect(cronProblems("60 * * * *")).toEqual([{ field: "minute", token: "60" }]);
    expect(cronProblems("* * 0 * *")).toEqual([{ field: "dayOfMonth", token: "0" }]);
    expect(cronProblems("* * * 13 *")).toEqual([{ field: "month", token: "13" }]);
    expect(cronProblems("* * * * 8")).toEqual([{ field: "dayOfWeek", token: "8" }]);
    expect(cronProblems("5-1 * * * *")).toEqual([{ field: "minute", token: "5-1" }]);
    expect(cronProblems("*/0 * * * *")).toEqual([{ field: "minute", token: "*/0" }]);
    expect(cronProblems("* * * * * *")).toEqual([{ field: "expression", token: "* * * * * *" }]);
    expect(cronProblems("")).toEqual([{ field: "expression", token: "" }]);
  });

  it("expands fields to their values", () => {
    expect([...parseCronField("hour", "8-18/5")!]).toEqual([8, 13, 18]);
    expect([...parseCronField("dayOfWeek", "5-7")!]).toEqual([5, 6, 0]);
    expect([...parseCronField("minute", "10/20")!]).toEqual([10, 30, 50]);
  });
});
