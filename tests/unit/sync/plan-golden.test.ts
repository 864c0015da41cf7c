import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { generateCmsSource } from "@/db/seed/cms-source";
import { DEMO_SYNC_CONFIG, planCustomer, type CustomerGroup, type PlanContext } from "@/server/domain/sync";

/**
 * Golden digests of the sync's mapping: plans and checksums are stored (customers.source_checksum, each
 * statement's checksum) and compared on every run, so a faster mapping must give exactly the same plans, or every
 * stored customer would count as changed once. The digests were taken from the implementation before its
 * per-row costs were cut (2026-12-07); they change only if the mapping's output changes.
 */
const ctx: PlanContext = {
  config: DEMO_SYNC_CONFIG,
  configHash: "golden-config",
  institutions: new Map(["BJ01", "SH01", "GZ01", "SZ01", "CD01", "HQ"].map((c, i) => [c, { id: i + 1, regionCode: `11010${i}` }])),
  industries: new Set(["A", "B", "C", "13", "14", "15", "F", "G", "I", "K", "L"]),
  natures: new Set(["private", "state_owned", "foreign", "collective"]),
  users: new Map([["bj01.rater", "u-1"], ["sh01.manager", "u-2"]]),
};

const digest = (groups: CustomerGroup[]) => createHash("sha1").update(JSON.stringify(groups.map((g) => planCustomer(g, ctx)))).digest("hex");

// one corruption applied to a copy of a generated customer: the kinds of bad rows a real source delivers
const FIELDS = { infos: ["RECORDMONTH", "CTYPE", "CUSTCODE", "CUSTNAME", "EMPTYPE", "UNAME", "ORGCODE", "TRADENO", "GROUPFLG"], records: ["FORMCODE", "RECORDMONTH", "RECORDDATE", "NOTE", "DELFLG", "ACCESSTIME"], data: ["ITEMCODE", "FORMCODE", "RECORDMONTH", "VALUE", "QVALUE", "SCORE"] } as const;
const VALUES = [null, "", " ", "  12.5 ", "1e5", "12,00", "-0", "2025-02-30", "2024-02-29", "2025-13", "2025-12", "2025-12-31T10:00:00", "2025-12-31 24:00:00", "2025-12-31 23:59:59", "1", "0", "2", "Y", "n", "ZCFZB", "LRB", "XJLLB", "DXZB", "ZC09", "FZ08", "LR01", "DX01", "x".repeat(201), "\u0001", "9999", "01", "05", "C13", "1101"];

function corrupt(g: CustomerGroup, pick: { part: keyof typeof FIELDS; row: number; field: number; value: number; op: number }): CustomerGroup {
  const copy: CustomerGroup = JSON.parse(JSON.stringify(g));
  const rows = copy[pick.part] as unknown as Record<string, string | null>[];
  if (!rows.length) return copy;
  const i = pick.row % rows.length;
  if (pick.op === 0) rows.splice(i, 1); // a missing row
  else if (pick.op === 1) rows.splice(i, 0, { ...rows[i] }); // a duplicated row
  else rows[i][FIELDS[pick.part][pick.field % FIELDS[pick.part].length]] = VALUES[pick.value % VALUES.length];
  return copy;
}

describe("sync mapping: golden output", () => {
  const groups = [...generateCmsSource({ customers: 300, seed: "golden" })];

  it("maps generated customers to the same plans and checksums", () => {
    expect(digest(groups)).toBe("f3ea7dbdf459b550dd077e0557f5b879338e8a97");
  });

  it("maps corrupted customers to the same plans, issues and checksums", () => {
    const picks = fc.sample(
      fc.record({ customer: fc.nat(299), part: fc.constantFrom("infos" as const, "records" as const, "data" as const), row: fc.nat(200), field: fc.nat(20), value: fc.nat(100), op: fc.nat(9) }),
      { numRuns: 6000, seed: 20261207 },
    );
    const bad = picks.map((p) => corrupt(groups[p.customer], p));
    // the sample reaches the validation paths: most of the reasons the mapping can give
    const reasons = new Set(bad.flatMap((g) => planCustomer(g, ctx).issues.map((i) => `${i.field}:${i.reason}`)));
    expect(reasons.size).toBeGreaterThanOrEqual(19);
    expect(digest(bad)).toBe("a961fb36165c6c7f2d644026b185cc2337bac279");
  });
});
