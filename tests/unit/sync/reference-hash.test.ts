import { describe, expect, it } from "vitest";
import { referenceHash } from "@/server/domain/sync";

const ref = () => ({
  institutions: new Map([["BJ01", { id: 5, regionCode: "110108" }], ["SH01", { id: 6, regionCode: "310101" }]]),
  industries: new Set(["13", "C"]),
  natures: new Set(["private", "state_owned"]),
  users: new Map([["bj01.rater", "u-1"]]),
});

describe("referenceHash (salt of the full-sync skip)", () => {
  it("does not depend on the order the reference data was loaded in", () => {
    const a = ref();
    const b = { ...ref(), institutions: new Map([...ref().institutions].reverse()), industries: new Set(["C", "13"]) };
    expect(referenceHash(a)).toBe(referenceHash(b));
  });

  it("changes with any institution, code or user the mapping uses", () => {
    const base = referenceHash(ref());
    const variants = [
      { ...ref(), institutions: new Map([...ref().institutions, ["GZ01", { id: 7, regionCode: "440103" }]]) },
      { ...ref(), institutions: new Map([["BJ01", { id: 5, regionCode: "110105" }], ["SH01", { id: 6, regionCode: "310101" }]]) },
      { ...ref(), industries: new Set(["13"]) },
      { ...ref(), natures: new Set(["private"]) },
      { ...ref(), users: new Map([["bj01.rater", "u-2"]]) },
    ];
    const hashes = variants.map(referenceHash);
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(variants.length);
  });
});
