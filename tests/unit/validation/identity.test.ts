import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { birthDateFromIdNumber, idNumberCheckChar, isValidIdNumber, isValidUscc, maskIdNumber, usccCheckChar } from "@/server/domain/validation/identity";

describe("unified social credit code", () => {
  // Published codes of real, well-known organisations (public registry data).
  const REAL = ["91110000100017643K", "91440300708461136T", "91330100716105852F"];
  it.each(REAL)("accepts %s", (code) => expect(isValidUscc(code)).toBe(true));

  it("accepts lower case input", () => expect(isValidUscc("91110000100017643k")).toBe(true));

  it("rejects a wrong check character, wrong length and forbidden letters", () => {
    expect(isValidUscc("91110000100017643A")).toBe(false);
    expect(isValidUscc("9111000010001764")).toBe(false);
    expect(isValidUscc("91110000100017643KX")).toBe(false);
    expect(isValidUscc("9111000010001764IK")).toBe(false); // I is not in the charset
    expect(isValidUscc("")).toBe(false);
  });

  it("detects every single-character substitution", () => {
    const code = REAL[0];
    const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (let i = 0; i < 18; i++) {
      for (const c of charset) {
        if (c === code[i]) continue;
        const altered = code.slice(0, i) + c + code.slice(i + 1);
        if (i < 2 || i >= 8 || /\d/.test(c)) expect(isValidUscc(altered)).toBe(false);
      }
    }
  });

  it("round-trips generated codes", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]1\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/), (first17) => {
        expect(isValidUscc(first17 + usccCheckChar(first17))).toBe(true);
      }),
    );
  });
});

describe("resident ID number", () => {
  it("accepts the GB 11643 example and a X check digit", () => {
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
    expect(isValidIdNumber("440524198001010013")).toBe(true);
  });

  it("rejects a wrong check digit, impossible dates and future births", () => {
    expect(isValidIdNumber("110105194912310021")).toBe(false);
    const feb30 = "11010519490230001";
    expect(isValidIdNumber(feb30 + idNumberCheckChar(feb30))).toBe(false);
    const future = "11010530000101001";
    expect(isValidIdNumber(future + idNumberCheckChar(future), new Date("2026-11-23"))).toBe(false);
    expect(isValidIdNumber("1101051949123100")).toBe(false);
  });

  it("reads the birth date and masks all but region and last four", () => {
    expect(birthDateFromIdNumber("11010519491231002X")).toBe("1949-12-31");
    expect(maskIdNumber("11010519491231002X")).toBe("110105********002X");
  });

  it("detects every single-digit change", () => {
    const id = "11010519491231002X";
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === id[i]) continue;
        expect(isValidIdNumber(id.slice(0, i) + d + id.slice(i + 1))).toBe(false);
      }
    }
  });
});
