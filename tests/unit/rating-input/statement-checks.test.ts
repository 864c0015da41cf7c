import { describe, expect, it } from "vitest";
import { statementIssues } from "@/server/domain/rating-input/statement-checks";

const ok = { BS001: 10, BS002: 20, BS003: 30, BS004: 70, BS007: 200, BS008: 5, BS009: 15, BS010: 30, BS013: 120.1, BS014: 79.9 };

describe("statement checks", () => {
  it("accepts a balanced sheet to the cent despite float noise", () => {
    expect(statementIssues({ ...ok, BS013: 0.1 + 0.2, BS014: 199.7, BS007: 200 }, "s")).toEqual([]);
    expect(statementIssues(ok, "s")).toEqual([]);
  });
  it("flags an unbalanced sheet beyond the tolerance at BS007", () => {
    expect(statementIssues({ ...ok, BS014: 70 }, "s")).toEqual([{ path: "s.BS007", message: "workflow.unbalanced", params: { diff: "9.90" } }]);
    expect(statementIssues({ ...ok, BS014: 79.0 }, "s")).toEqual([]); // within 1 yuan
  });
  it("flags non-numbers, negative totals and inconsistent subtotals", () => {
    expect(statementIssues({ BS007: Number.NaN }, "s")[0]).toMatchObject({ path: "s.BS007", message: "workflow.notANumber" });
    expect(statementIssues({ BS001: -1 }, "s")[0]).toMatchObject({ message: "workflow.negativeTotal" });
    expect(statementIssues({ ...ok, BS004: 50 }, "s").map((i) => i.path)).toEqual(["s.BS004"]);
    expect(statementIssues({ ...ok, BS010: 10 }, "s").map((i) => i.path)).toEqual(["s.BS010"]);
    expect(statementIssues({ IS006: -5 }, "s")).toEqual([]); // a loss is allowed
  });
});
