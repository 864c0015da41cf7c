import { describe, expect, it } from "vitest";
import { buildMigrationMatrix, median, notches, quarterOf, statsFilterInput } from "@/server/domain/statistics/filters";

describe("statistics domain", () => {
  it("counts notches on the master scale (positive = upgrade)", () => {
    expect(notches("BBB", "A")).toBe(1);
    expect(notches("A", "BB")).toBe(-2);
    expect(notches("A", "A")).toBe(0);
    expect(notches("A", "ZZZ")).toBeNull();
    expect(notches(null, "A")).toBeNull();
  });

  it("builds a square migration matrix with row percentages and up/down totals", () => {
    const m = buildMigrationMatrix([
      { from: "A", to: "A", count: 6 },
      { from: "A", to: "BBB", count: 2 },
      { from: "A", to: "AA", count: 2 },
      { from: "BBB", to: "A", count: 1 },
    ]);
    expect(m.grades).toEqual(["AA", "A", "BBB"]);
    expect(m.counts).toEqual([[0, 0, 0], [2, 6, 2], [0, 1, 0]]);
    expect(m.percents[1]).toEqual([20, 60, 20]);
    expect(m.rowTotals).toEqual([0, 10, 1]);
    expect(m).toMatchObject({ total: 11, upgrades: 3, downgrades: 2, unchanged: 6 });
  });

  it("names quarters and takes medians", () => {
    expect(quarterOf("2025-01-01")).toBe("2025-Q1");
    expect(quarterOf("2025-12-31")).toBe("2025-Q4");
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("validates the filter with translated messages", () => {
    expect(statsFilterInput.safeParse({ from: "2025-02-01", to: "2025-01-01" }).error?.issues[0]).toMatchObject({ message: "stats.error.range", path: ["to"] });
    expect(statsFilterInput.safeParse({ from: "1/2/2025" }).error?.issues[0].message).toBe("stats.error.date");
    expect(statsFilterInput.parse({ from: "", institutionId: "7", customerType: "" })).toEqual({ institutionId: 7 });
  });
});
