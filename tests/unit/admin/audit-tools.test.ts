import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diffValues } from "@/server/domain/audit/diff";
import { isDangerousCell, neutraliseCell } from "@/server/domain/audit/spreadsheet-safe";
import { auditFilterInput, auditTimeRange, actionMatcher, formatBankTime } from "@/server/domain/audit/audit-query";
import { auditRowHash, ChainVerifier, GENESIS_HASH, verifyChain, type AuditContent } from "@/server/domain/audit/hash-chain";

function chain(n: number) {
  const rows: (AuditContent & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: AuditContent = { id: i * 3, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), userId: null, username: `u${i}`, role: "admin", institutionId: 1, action: "t", entityType: "x", entityId: String(i), before: null, after: { i }, ip: null, correlationId: null };
    const hash = auditRowHash(prev, content);
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("paged chain verification", () => {
  it("gives the same verdict page by page as all at once, for any page size", () => {
    const rows = chain(40);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 45 }), fc.integer({ min: -1, max: 39 }), (size, tamper) => {
        const copy = rows.map((r) => ({ ...r }));
        if (tamper >= 0) copy[tamper] = { ...copy[tamper], username: "mallory" };
        const v = new ChainVerifier();
        for (let i = 0; i < copy.length; i += size) if (!v.push(copy.slice(i, i + size))) break;
        expect(v.finish()).toEqual(verifyChain(copy));
      }),
    );
  });

  it("checks an exported anchor: rewritten and truncated chains are caught", () => {
    const rows = chain(10);
    const anchor = { id: rows[6].id, hash: rows[6].hash };
    expect(verifyChain(rows, anchor)).toMatchObject({ intact: true, rows: 10, lastId: 30 });
    // the last rows deleted: the chain that remains is internally consistent, the anchor is not
    expect(verifyChain(rows.slice(0, 5), anchor)).toMatchObject({ intact: false, reason: "anchorMissing", brokenAtId: anchor.id });
    // the whole chain recomputed after altering row 3 (an attacker with the hash function): only the anchor tells
    const forged = chain(10).map((r) => ({ ...r }));
    forged[2] = { ...forged[2], username: "mallory" };
    let prev = GENESIS_HASH;
    for (const r of forged) {
      const { prevHash: _p, hash: _h, ...content } = r;
      r.prevHash = prev;
      r.hash = auditRowHash(prev, content);
      prev = r.hash;
    }
    expect(verifyChain(forged).intact).toBe(true);
    expect(verifyChain(forged, anchor)).toMatchObject({ intact: false, reason: "anchor", brokenAtId: anchor.id });
  });
});

describe("audit diff", () => {
  it("lists changed leaves with dotted paths", () => {
    expect(diffValues({ value: { rater: 2, approver: 2 } }, { value: { rater: 3, approver: 2 } })).toEqual([{ path: "value.rater", kind: "changed", before: 2, after: 3 }]);
    expect(diffValues(null, { role: "rater" })).toEqual([{ path: "role", kind: "added", after: "rater" }]);
    expect(diffValues({ a: 1, b: [1, 2] }, { b: [1, 3] })).toEqual([
      { path: "a", kind: "removed", before: 1 },
      { path: "b", kind: "changed", before: [1, 2], after: [1, 3] },
    ]);
    expect(diffValues({ value: 12 }, { value: 12 })).toEqual([]);
    expect(diffValues(12, 18)).toEqual([{ path: "value", kind: "changed", before: 12, after: 18 }]);
  });
});

describe("spreadsheet cells", () => {
  it("neutralises text that a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"]) {
      expect(isDangerousCell(s)).toBe(true);
      expect(neutraliseCell(s)).toBe(`'${s}`);
    }
    for (const s of ["admin.user.create", "北京分行", "", "1+1", "a=b"]) expect(neutraliseCell(s)).toBe(s);
  });
});

describe("audit filter", () => {
  it("reads days in the bank's time zone, the end day inclusive", () => {
    const r = auditTimeRange(auditFilterInput.parse({ from: "2026-03-01", to: "2026-03-01" }));
    expect(r.from!.toISOString()).toBe("2026-02-28T16:00:00.000Z");
    expect(r.to!.toISOString()).toBe("2026-03-01T16:00:00.000Z");
    expect(formatBankTime(new Date("2026-02-28T16:30:00Z"))).toBe("2026-03-01 00:30:00");
  });

  it("refuses bad dates and inverted ranges at their fields", () => {
    const bad = auditFilterInput.safeParse({ from: "2026-02-30" });
    expect(bad.success ? [] : bad.error.issues.map((i) => `${String(i.path[0])}:${i.message}`)).toEqual(["from:admin.audit.error.date"]);
    const inverted = auditFilterInput.safeParse({ from: "2026-03-02", to: "2026-03-01" });
    expect(inverted.success ? [] : inverted.error.issues.map((i) => `${String(i.path[0])}:${i.message}`)).toEqual(["to:admin.audit.error.range"]);
    expect(auditFilterInput.parse({ user: "", from: "" })).toEqual({ user: undefined, action: undefined, entityType: undefined, entityId: undefined, from: undefined, to: undefined });
  });

  it("matches an action family or one action", () => {
    expect(actionMatcher("admin.*")).toEqual({ prefix: "admin." });
    expect(actionMatcher("auth.login")).toEqual({ exact: "auth.login" });
  });
});
