import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ATTRIBUTES, fitIndividualScorecard, renderGeneratedModule } from "@/scripts/fit-individual-scorecard";
import { INDIVIDUAL_SCORECARD_FIT_REPORT } from "@/server/domain/scoring/default-models/individual-scorecard.generated";
import { INDIVIDUAL_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/individual-scorecard";
import { coarseClassCategorical, coarseClassNumeric, informationValue, weightOfEvidence } from "@/server/domain/scoring/model-fitting/coarse-classing";
import { areaUnderRoc, discrimination, kolmogorovSmirnov } from "@/server/domain/scoring/model-fitting/discrimination";
import { fitLogistic } from "@/server/domain/scoring/model-fitting/logistic-regression";
import { seededRandom, normal } from "@/server/domain/scoring/synthetic-inputs";

const root = path.resolve(import.meta.dirname, "../../..");

describe("discrimination measures", () => {
  it("AUC counts ordered good/bad pairs, ties as half", () => {
    // goods 3, 4, 5; bads 1, 4: pairs good > bad: (3>1)(4>1)(5>1)(5>4) = 4, tie (4,4) = 0.5 -> 4.5 / 6
    const scores = [3, 4, 5, 1, 4];
    const bad = [false, false, false, true, true];
    expect(areaUnderRoc(scores, bad)).toBeCloseTo(4.5 / 6, 15);
    expect(discrimination(scores, bad).gini).toBeCloseTo(2 * (4.5 / 6) - 1, 15);
  });

  it("KS is the largest gap between the cumulative distributions, never splitting ties", () => {
    // sorted: 1(b) 3(g) 4(g,b) 5(g): after 1: |1/2 - 0| = 0.5; after 3: |1/2 - 1/3|; after the 4s: |1 - 2/3|
    expect(kolmogorovSmirnov([3, 4, 5, 1, 4], [false, false, false, true, true])).toBeCloseTo(0.5, 15);
    expect(kolmogorovSmirnov([1, 2, 3, 4], [true, true, false, false])).toBe(1);
  });

  it("perfect and useless scores", () => {
    expect(areaUnderRoc([1, 2, 3, 4], [true, true, false, false])).toBe(1);
    expect(areaUnderRoc([5, 5, 5, 5], [true, false, true, false])).toBe(0.5);
    expect(areaUnderRoc([1, 2], [false, false])).toBeNaN();
  });
});

describe("logistic regression (Newton-Raphson)", () => {
  it("recovers the coefficients that generated the data", () => {
    const random = seededRandom(11);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = [normal(random), normal(random)];
      const p = 1 / (1 + Math.exp(-(-0.5 + 1.2 * x[0] - 0.7 * x[1])));
      rows.push(x);
      y.push(random() < p ? 1 : 0);
    }
    const fit = fitLogistic(rows, y);
    expect(fit.intercept).toBeCloseTo(-0.5, 1);
    expect(fit.coefficients[0]).toBeCloseTo(1.2, 1);
    expect(fit.coefficients[1]).toBeCloseTo(-0.7, 1);
    expect(fit.iterations).toBeLessThan(15);
    expect(fit.standardErrors.every((s) => s > 0 && s < 0.1)).toBe(true);
  });
});

describe("coarse classing", () => {
  it("WoE is ln(share of goods / share of bads) with +0.5 smoothing; IV sums the weighted gaps", () => {
    const total = { goods: 700, bads: 300 };
    expect(weightOfEvidence({ goods: 350, bads: 50 }, total)).toBeCloseTo(Math.log((350.5 / 700.5) / (50.5 / 300.5)), 15);
    expect(informationValue([total], total)).toBeCloseTo(0, 15);
  });

  it("merges numeric classes into at most five large, monotonic ones", () => {
    const random = seededRandom(3);
    const values: number[] = [];
    const bad: boolean[] = [];
    for (let i = 0; i < 2000; i++) {
      const x = Math.floor(random() * 100);
      values.push(x);
      bad.push(random() < 0.1 + 0.004 * x);
    }
    const { classes, iv } = coarseClassNumeric(values, bad);
    expect(classes.length).toBeLessThanOrEqual(5);
    expect(classes[classes.length - 1].upper).toBeNull();
    for (const c of classes) expect(c.goods + c.bads).toBeGreaterThanOrEqual(100);
    for (let i = 1; i < classes.length; i++) expect(classes[i].woe).toBeLessThanOrEqual(classes[i - 1].woe);
    expect(iv).toBeGreaterThan(0.1);
  });

  it("groups small categories with the one closest in bad rate", () => {
    const values = [...Array(500).fill("a"), ...Array(500).fill("b"), ...Array(10).fill("tiny")];
    const bad = [...values.map((v, i) => (v === "a" ? i % 10 === 0 : v === "b" ? i % 2 === 0 : i % 2 === 0))];
    const { classes } = coarseClassCategorical(values, bad);
    expect(classes.find((c) => c.categories.includes("tiny"))!.categories).toContain("b");
  });
});

describe("individual scorecard fit (scripts/fit-individual-scorecard.ts)", () => {
  const csv = readFileSync(path.join(root, "scripts/data/german_credit.csv"), "utf8");
  const fit = fitIndividualScorecard(csv);

  it("is deterministic, and the committed generated module is up to date", () => {
    const committed = readFileSync(path.join(root, "server/domain/scoring/default-models/individual-scorecard.generated.ts"), "utf8");
    expect(renderGeneratedModule(fit)).toBe(committed);
    expect(renderGeneratedModule(fitIndividualScorecard(csv))).toBe(committed);
  });

  it("splits 70/30 and reaches the expected hold-out discrimination", () => {
    const report = INDIVIDUAL_SCORECARD_FIT_REPORT;
    expect(report.trainSize).toBe(700);
    expect(report.holdoutSize).toBe(300);
    expect(report.holdout.auc).toBeGreaterThan(0.72);
    expect(report.holdout.auc).toBeLessThan(0.82);
    expect(report.holdout.gini).toBeCloseTo(2 * report.holdout.auc - 1, 3);
    expect(report.holdout.ks).toBeGreaterThan(0.3);
  });

  it("never scores on sex, marital status, foreign-worker status or telephone", () => {
    const used = fit.report.factors.map((f) => f.column);
    for (const column of ["Personal", "ForeignWorker", "Telephone"]) {
      expect(used).not.toContain(column);
      expect(ATTRIBUTES.map((a) => a.column)).not.toContain(column);
    }
    expect(Object.keys(fit.report.excluded)).toEqual(["Personal", "ForeignWorker", "Telephone"]);
  });

  it("produces a model that the engine accepts, with every option of every data category", () => {
    for (const indicator of INDIVIDUAL_SCORECARD_MODEL.indicators) {
      const attribute = ATTRIBUTES.find((a) => a.key === indicator.key)!;
      if (attribute.kind === "categorical") expect(indicator.options!.map((o) => o.code)).toEqual(Object.values(attribute.options).map((o) => o.code));
    }
    expect(fit.gradeBands.map((b) => b.grade)).toEqual(["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C"]);
  });
});
