/**
 * The bank's default master scale (SPEC 5.4): ten grades, best first, with exclusive PD upper bounds and a
 * representative PD per grade. Edited and versioned like the models; this constant seeds version 1.
 *
 * D is reserved for a recorded default event and is never produced by a model.
 */
import type { MasterScale } from "./model-schema";

export const DEFAULT_GRADE = "D";

export const DEFAULT_MASTER_SCALE: MasterScale = {
  version: 1,
  pdFloor: 0.0003,
  grades: [
    { grade: "AAA", maxPd: 0.0005, pd: 0.0003, name: { en: "Extremely strong", zh: "信用极好" } },
    { grade: "AA", maxPd: 0.001, pd: 0.0007, name: { en: "Very strong", zh: "信用优良" } },
    { grade: "A", maxPd: 0.0025, pd: 0.0015, name: { en: "Strong", zh: "信用较好" } },
    { grade: "BBB", maxPd: 0.006, pd: 0.004, name: { en: "Adequate", zh: "信用一般" } },
    { grade: "BB", maxPd: 0.015, pd: 0.01, name: { en: "Speculative", zh: "信用欠佳" } },
    { grade: "B", maxPd: 0.04, pd: 0.025, name: { en: "Weak", zh: "信用较差" } },
    { grade: "CCC", maxPd: 0.1, pd: 0.065, name: { en: "Very weak", zh: "信用很差" } },
    { grade: "CC", maxPd: 0.2, pd: 0.15, name: { en: "Highly vulnerable", zh: "信用极差" } },
    { grade: "C", maxPd: null, pd: 0.35, name: { en: "Near default", zh: "濒临违约" } },
    { grade: "D", maxPd: null, pd: 1, name: { en: "Default", zh: "违约" } },
  ],
};
