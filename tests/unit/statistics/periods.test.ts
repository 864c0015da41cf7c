import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isPresetPair, migrationPairs, pairKey, periodBounds, presetChoices, presetPeriod, quarterEndOf, quarterEnds, wholeQuarters } from "@/server/domain/statistics/periods";

describe("preset periods", () => {
  it("gives the bounds of a year and of each quarter, none for all time or a stranger string", () => {
    expect(periodBounds("2025")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(periodBounds("2025-Q1")).toEqual({ from: "2025-01-01", to: "2025-03-31" });
    expect(periodBounds("2025-Q2")).toEqual({ from: "2025-04-01", to: "2025-06-30" });
    expect(periodBounds("2025-Q3")).toEqual({ from: "2025-07-01", to: "2025-09-30" });
    expect(periodBounds("2025-Q4")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(periodBounds("all")).toBeNull();
    expect(periodBounds("2025-Q5")).toBeNull();
    expect(periodBounds("25")).toBeNull();
  });

  it("recognises exactly the preset ranges", () => {
    expect(presetPeriod(undefined, undefined)).toBe("all");
    expect(presetPeriod("2024-01-01", "2024-12-31")).toBe("2024");
    expect(presetPeriod("2024-10-01", "2024-12-31")).toBe("2024-Q4");
    expect(presetPeriod("2024-01-01", "2024-03-31")).toBe("2024-Q1");
    expect(presetPeriod("2024-01-01", undefined)).toBeNull();
    expect(presetPeriod(undefined, "2024-12-31")).toBeNull();
    expect(presetPeriod("2024-01-02", "2024-12-31")).toBeNull();
    expect(presetPeriod("2024-01-01", "2024-12-30")).toBeNull();
    expect(presetPeriod("2024-01-01", "2025-12-31")).toBeNull();
    expect(presetPeriod("2024-01-01", "2024-06-30")).toBeNull();
  });

  it("round-trips: the bounds of every preset are recognised as that preset", () => {
    fc.assert(fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 4 }), (y, q) => {
      const p = q === 0 ? String(y) : `${y}-Q${q}`;
      const b = periodBounds(p)!;
      return presetPeriod(b.from, b.to) === p;
    }));
  });

  it("lists whole quarters of a range, all for none, null when a quarter is cut", () => {
    expect(wholeQuarters(undefined, undefined)).toBe("all");
    expect(wholeQuarters("2024-10-01", "2025-06-30")).toEqual(["2024-Q4", "2025-Q1", "2025-Q2"]);
    expect(wholeQuarters("2025-01-01", "2025-12-31")).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
    expect(wholeQuarters("2025-01-02", "2025-12-31")).toBeNull();
    expect(wholeQuarters("2025-01-01", "2025-12-30")).toBeNull();
    expect(wholeQuarters("2025-04-01", "2025-03-31")).toBeNull();
    expect(wholeQuarters("2025-04-01", undefined)).toBeNull();
  });

  it("finds quarter ends and the preset migration pairs", () => {
    expect(quarterEndOf("2025-02-28")).toBe("2025-03-31");
    expect(quarterEndOf("2025-12-01")).toBe("2025-12-31");
    expect(quarterEnds("2024-11-15", "2025-04-01")).toEqual(["2024-12-31", "2025-03-31", "2025-06-30"]);
    const pairs = migrationPairs(quarterEnds("2024-01-05", "2025-12-07"));
    expect(pairs).toContainEqual({ from: "2024-03-31", to: "2024-06-30" });
    expect(pairs).toContainEqual({ from: "2024-12-31", to: "2025-12-31" });
    expect(pairs).toHaveLength(7 + 1);
    for (const p of pairs) expect(isPresetPair(p.from, p.to)).toBe(true);
    expect(pairKey({ from: "2024-12-31", to: "2025-12-31" })).toBe("mig:2024-12-31:2025-12-31");
  });

  it("accepts only preset-shaped pairs", () => {
    expect(isPresetPair("2024-12-31", "2025-03-31")).toBe(true);
    expect(isPresetPair("2024-12-31", "2025-12-31")).toBe(true);
    expect(isPresetPair("2024-06-30", "2025-06-30")).toBe(false);
    expect(isPresetPair("2024-12-31", "2025-06-30")).toBe(false);
    expect(isPresetPair("2024-12-30", "2025-03-31")).toBe(false);
    expect(isPresetPair("2025-03-31", "2024-12-31")).toBe(false);
    expect(isPresetPair("x", "2024-12-31")).toBe(false);
  });

  it("offers all time, then each year newest first with its quarters inside the range", () => {
    expect(presetChoices("2024-05-10", "2025-02-01")).toEqual(["all", "2025", "2025-Q1", "2024", "2024-Q4", "2024-Q3", "2024-Q2"]);
  });
});
