import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/domain/errors";
import { evaluateFormula, formulaItems, formulaReferences, parseFormula } from "@/server/domain/scoring/formula";

const statements = {
  current: { BS001: 10, BS002: 4, BS007: 100, BS013: 60, BS014: 40, IS001: 200, IS003: 0, IS006: -5 },
  previous: { BS007: 80, BS013: 50, IS001: 160, IS006: 10 },
};
const evaluate = (text: string, s: Parameters<typeof evaluateFormula>[1] = statements, facts = {}) => evaluateFormula(parseFormula(text), s, facts);

function formulaError(text: string): DomainError {
  try {
    parseFormula(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("INVALID_FORMULA");
    return error as DomainError;
  }
  throw new Error(`expected '${text}' to be rejected`);
}

describe("parseFormula / evaluateFormula", () => {
  it("evaluates numbers and item codes of the current period", () => {
    expect(evaluate("42")).toBe(42);
    expect(evaluate("1.5e2")).toBe(150);
    expect(evaluate(".5")).toBe(0.5);
    expect(evaluate("BS013")).toBe(60);
    expect(evaluate("BS013 / BS007")).toBe(0.6);
  });

  it("follows arithmetic precedence and associativity", () => {
    expect(evaluate("2 + 3 * 4")).toBe(14);
    expect(evaluate("(2 + 3) * 4")).toBe(20);
    expect(evaluate("10 - 4 - 3")).toBe(3);
    expect(evaluate("100 / 10 / 5")).toBe(2);
    expect(evaluate("2 * 3 + 4 * 5")).toBe(26);
    expect(evaluate("-2 * 3")).toBe(-6);
    expect(evaluate("- -2")).toBe(2);
    expect(evaluate("+2 - -3")).toBe(5);
    expect(evaluate("-(BS013 - BS007)")).toBe(40);
  });

  it("reads the previous period with prev. and averages with avg()", () => {
    expect(evaluate("prev.BS007")).toBe(80);
    expect(evaluate("avg(BS007)")).toBe(90);
    expect(evaluate("IS006 / avg(BS007)")).toBeCloseTo(-5 / 90, 15);
    expect(evaluate("(IS001 - prev.IS001) / abs(prev.IS001)")).toBe(0.25);
  });

  it("supports abs, ln and n-ary min / max", () => {
    expect(evaluate("abs(IS006)")).toBe(5);
    expect(evaluate("ln(BS007)")).toBeCloseTo(Math.log(100), 15);
    expect(evaluate("min(3, 1, 2)")).toBe(1);
    expect(evaluate("max(3, 1, 2, 7)")).toBe(7);
    expect(evaluate("min(BS013)")).toBe(60);
    expect(evaluate("max(BS001 * 4, BS014 * 1.5)")).toBe(60);
  });

  it("reads numeric facts with fact.key", () => {
    expect(evaluate("fact.annual_income * 2", statements, { annual_income: 50000 })).toBe(100000);
    expect(evaluate("fact.annual_income * 2", statements, { annual_income: "50000" })).toBe(100000);
    expect(evaluate("fact.annual_income", statements, { annual_income: "a lot" })).toBeNull();
    expect(evaluate("fact.annual_income", statements, {})).toBeNull();
  });

  it("makes the result missing (null) for missing items, missing periods, division by zero and non-finite values", () => {
    expect(evaluate("BS003")).toBeNull();
    expect(evaluate("BS001 + BS003")).toBeNull();
    expect(evaluate("prev.BS001")).toBeNull();
    expect(evaluate("avg(BS001)", { current: { BS001: 1 } })).toBeNull();
    expect(evaluate("prev.BS007", { current: { BS007: 1 } })).toBeNull();
    expect(evaluate("IS001 / IS003")).toBeNull();
    expect(evaluate("1 / 0")).toBeNull();
    expect(evaluate("0 / 0")).toBeNull();
    expect(evaluate("ln(0)")).toBeNull();
    expect(evaluate("ln(IS006)")).toBeNull();
    expect(evaluate("BS001 * 1e308 * 10")).toBeNull();
    // A non-finite intermediate stays missing even where min/max would otherwise hide it.
    expect(evaluate("min(1e308 * 10, 5)")).toBeNull();
    expect(evaluate("max(BS003, 5)")).toBeNull();
    expect(evaluate("BS001", { current: { BS001: Number.NaN } })).toBeNull();
    expect(evaluate("BS001", { current: { BS001: Number.POSITIVE_INFINITY } })).toBeNull();
  });

  it("accepts numeric text (database numerics) and rejects other types as missing", () => {
    expect(evaluate("BS001", { current: { BS001: "12.50" } } as never)).toBe(12.5);
    expect(evaluate("BS001", { current: { BS001: "12,50" } } as never)).toBeNull();
    expect(evaluate("BS001", { current: { BS001: null } } as never)).toBeNull();
    expect(evaluate("BS001", { current: { BS001: {} } } as never)).toBeNull();
    expect(evaluate("BS001", {} as never)).toBeNull();
  });

  it("never returns -0", () => {
    expect(Object.is(evaluate("-BS001 * 0"), 0)).toBe(true);
  });

  it("rejects invalid formulas with the position of the error", () => {
    const cases: [string, number][] = [
      ["BS001 +", 7],
      ["BS001 + * 2", 8],
      ["(BS001 + 2", 10],
      ["BS001 $ 2", 6],
      ["foo(BS001)", 0],
      ["BS01", 0],
      ["prev.foo", 5],
      ["prev BS001", 5],
      ["avg(BS001 + 1)", 10],
      ["avg(prev.BS001)", 4],
      ["abs(1, 2)", 0],
      ["min()", 4],
      ["BS001 BS002", 6],
      ["2BS001", 1],
      ["fact.Income", 5],
      [")", 0],
    ];
    for (const [text, position] of cases) {
      const error = formulaError(text);
      expect(error.params.position, text).toBe(position);
      expect(error.params.column, text).toBe(position + 1);
      expect(error.message).toContain(`column ${position + 1}`);
      expect(String(error.params.detailZh)).toContain(`第 ${position + 1} 个字符`);
    }
  });

  it("rejects empty, overlong and too deeply nested formulas", () => {
    expect(formulaError("").params.position).toBe(0);
    expect(formulaError("   ").message).toContain("empty");
    formulaError("1+".repeat(300) + "1");
    formulaError("(".repeat(60) + "1" + ")".repeat(60));
    formulaError("-".repeat(60) + "1");
  });

  it("never calls eval: code-looking input is a syntax error, not executed", () => {
    const g = globalThis as { hacked?: boolean };
    expect(() => parseFormula("globalThis.hacked = true")).toThrow(DomainError);
    expect(() => parseFormula("process.exit(1)")).toThrow(DomainError);
    expect(g.hacked).toBeUndefined();
  });
});

describe("formula references", () => {
  it("lists the items of both periods and the facts a formula reads", () => {
    const ast = parseFormula("min(max(CF001, IS005 + IS003) * 4, BS014 * 1.5) + prev.IS001 + avg(BS007) + fact.x");
    expect(formulaItems(ast)).toEqual(["BS007", "BS014", "CF001", "IS001", "IS003", "IS005"]);
    expect(formulaReferences(ast)).toEqual({
      items: ["BS007", "BS014", "CF001", "IS003", "IS005"],
      previousItems: ["BS007", "IS001"],
      facts: ["x"],
    });
  });
});
