import { describe, expect, it } from "vitest";
import { auditRowHash, canonicalJson, GENESIS_HASH, verifyChain, type AuditContent } from "@/server/domain/audit/hash-chain";

function chain(n: number) {
  const rows: (AuditContent & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: AuditContent = { id: i, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), userId: null, username: `u${i}`, role: "admin", institutionId: 1, action: "test", entityType: "x", entityId: String(i), before: { a: i }, after: { b: [i, "z"] }, ip: null, correlationId: null };
    const hash = auditRowHash(prev, content);
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("audit hash chain", () => {
  it("canonicalises key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it("verifies an intact chain", () => {
    const v = verifyChain(chain(20));
    expect(v.intact).toBe(true);
  });

  it("finds an altered, a deleted and a reordered row", () => {
    const altered = chain(10);
    altered[4] = { ...altered[4], after: { b: [999] } };
    expect(verifyChain(altered)).toMatchObject({ intact: false, brokenAtId: 5, reason: "content" });

    const deleted = chain(10);
    deleted.splice(6, 1);
    expect(verifyChain(deleted)).toMatchObject({ intact: false, brokenAtId: 8, reason: "link" });

    const reordered = chain(10);
    [reordered[2], reordered[3]] = [reordered[3], reordered[2]];
    // rows 3 and 4 swapped: the first row out of place (id 4, now third) no longer links to its predecessor
    expect(verifyChain(reordered)).toMatchObject({ intact: false, brokenAtId: 4 });
  });
});
