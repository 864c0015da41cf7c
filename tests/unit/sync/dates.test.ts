import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isAccessTime, isDate } from "@/server/domain/sync/watermark";

// the oracle: the calendar as Date sees it (what the arithmetic check replaced, measured 3x slower per call)
const oracleDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m || Number(m[1]) < 100) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};
const pad = (n: number, w: number) => String(n).padStart(w, "0");

describe("source dates", () => {
  it("isDate agrees with the calendar on every day, month and year from 1896 to 2104 (and impossible ones)", () => {
    let valid = 0;
    for (let y = 1896; y <= 2104; y++)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(isDate(s), s).toBe(oracleDate(s));
          if (oracleDate(s)) valid++;
        }
    expect(valid).toBe(76_336); // 209 years of 365 days plus 51 leap days (1900 and 2100 are not leap years)
    for (const s of ["2024-02-29", "2000-02-29"]) expect(isDate(s)).toBe(true);
    for (const s of ["2023-02-29", "1900-02-29", "2025-04-31", "2025-1-01", "2025-01-01 ", "20250101", "0050-01-01", ""]) expect(isDate(s)).toBe(false);
  });

  it("isAccessTime checks the date and the time of day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1890, max: 2110 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.boolean(), (y, mo, d, h, mi, se, t) => {
        const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
        const s = `${date}${t ? "T" : " "}${pad(h, 2)}:${pad(mi, 2)}:${pad(se, 2)}`;
        expect(isAccessTime(s)).toBe(oracleDate(date) && h < 24 && mi < 60 && se < 60);
      }),
      { numRuns: 20_000 },
    );
    for (const s of ["2025-12-31 23:59:59", "2025-12-31T00:00:00"]) expect(isAccessTime(s)).toBe(true);
    for (const s of ["2025-12-31 24:00:00", "2025-12-31 23:60:00", "2025-12-31", "2025-12-31  10:00:00", "2025-12-31 10:00", "2025-02-30 10:00:00"]) expect(isAccessTime(s)).toBe(false);
  });
});
