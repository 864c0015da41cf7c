import { describe, expect, it } from "vitest";
import { checkDeactivation, checkNewChild, checkReactivation, createInstitutionInput, levelOfPath, planMove, rebasePath, treeOrder, type TreeNode } from "@/server/domain/admin/institutions";
import { DomainError } from "@/server/domain/errors";

const node = (id: number, path: string, parentId: number | null, active = true): TreeNode => ({ id, path, parentId, level: levelOfPath(path), active });
// 1 HO; 2 BJ (3 BJ01, 4 BJ02); 5 SH (6 SH01)
const HO = node(1, "/1/", null);
const BJ = node(2, "/1/2/", 1);
const BJ01 = node(3, "/1/2/3/", 2);
const SH = node(5, "/1/5/", 1);
const SH01 = node(6, "/1/5/6/", 5);

function fields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.fields.map((f) => f.message);
    throw e;
  }
  return [];
}

describe("institution tree rules", () => {
  it("computes levels and rebases paths", () => {
    expect(levelOfPath("/1/")).toBe(0);
    expect(levelOfPath("/1/2/3/")).toBe(2);
    expect(rebasePath("/1/2/3/", "/1/2/", "/1/5/2/")).toBe("/1/5/2/3/");
    expect(() => rebasePath("/1/5/", "/1/2/", "/1/7/2/")).toThrow();
  });

  it("plans a move: new prefix and level change for the whole subtree", () => {
    expect(planMove(BJ01, SH, 0)).toEqual({ oldPrefix: "/1/2/3/", newPrefix: "/1/5/3/", levelDelta: 0 });
    expect(planMove(BJ, SH, 1)).toEqual({ oldPrefix: "/1/2/", newPrefix: "/1/5/2/", levelDelta: 1 });
    expect(planMove(SH01, HO, 0)).toEqual({ oldPrefix: "/1/5/6/", newPrefix: "/1/6/", levelDelta: -1 });
  });

  it("refuses cycles: below itself or its own descendants", () => {
    expect(fields(() => planMove(BJ, BJ, 1))).toEqual(["admin.institutions.error.cycle"]);
    expect(fields(() => planMove(BJ, BJ01, 1))).toEqual(["admin.institutions.error.cycle"]);
    // a sibling whose id shares a prefix is not a descendant: /1/2/ vs /1/22/
    expect(fields(() => planMove(BJ, node(22, "/1/22/", 1), 1))).toEqual([]);
  });

  it("refuses moving the root, under an inactive parent, or deeper than allowed", () => {
    expect(fields(() => planMove(HO, SH, 2))).toEqual(["admin.institutions.error.moveRoot"]);
    expect(fields(() => planMove(BJ01, node(5, "/1/5/", 1, false), 0))).toEqual(["admin.institutions.error.parentInactive"]);
    // BJ with its sub-branches under SH01 would reach level 4
    expect(fields(() => planMove(BJ, SH01, 1))).toEqual(["admin.institutions.error.tooDeep"]);
    expect(fields(() => checkNewChild(node(9, "/1/5/6/9/", 6)))).toEqual(["admin.institutions.error.tooDeep"]);
    expect(fields(() => checkNewChild(undefined))).toEqual(["admin.institutions.error.parentInactive"]);
    expect(fields(() => checkNewChild(SH))).toEqual([]);
  });

  it("deactivates only an institution where nothing still works", () => {
    const idle = { isRoot: false, activeChildren: 0, activeUsers: 0, openApplications: 0 };
    expect(fields(() => checkDeactivation(idle))).toEqual([]);
    expect(fields(() => checkDeactivation({ ...idle, isRoot: true }))).toEqual(["admin.institutions.error.deactivateRoot"]);
    expect(fields(() => checkDeactivation({ ...idle, activeUsers: 2, openApplications: 1, activeChildren: 1 }))).toEqual([
      "admin.institutions.error.activeChildren",
      "admin.institutions.error.activeUsers",
      "admin.institutions.error.openApplications",
    ]);
    expect(fields(() => checkReactivation(node(5, "/1/5/", 1, false), false))).toEqual(["admin.institutions.error.parentInactive"]);
    expect(fields(() => checkReactivation(SH, false))).toEqual([]);
  });

  it("normalises codes to upper case and checks their shape", () => {
    expect(createInstitutionInput.parse({ code: " sz-ft ", nameZh: "深圳福田支行", nameEn: "Futian", regionCode: "440300", parentId: "4" })).toMatchObject({ code: "SZ-FT", parentId: 4 });
    const bad = createInstitutionInput.safeParse({ code: "深圳", nameZh: "", nameEn: "x", regionCode: "44", parentId: "" });
    expect(bad.success ? [] : bad.error.issues.map((i) => `${String(i.path[0])}:${i.message}`).sort()).toEqual([
      "code:admin.validation.institutionCode",
      "nameZh:validation.required",
      "parentId:admin.validation.parent",
      "regionCode:admin.validation.region",
    ]);
  });
});

describe("tree order", () => {
  it("lists parents before children, siblings by code, whatever the ids", () => {
    const nodes = [
      { id: 10, parentId: 1, code: "SC" },
      { id: 2, parentId: 1, code: "BJ" },
      { id: 11, parentId: 10, code: "SC01" },
      { id: 1, parentId: null, code: "HO" },
      { id: 3, parentId: 2, code: "BJ01" },
      { id: 7, parentId: 99, code: "ORPHAN" },
    ];
    expect(treeOrder(nodes).map((n) => n.code)).toEqual(["HO", "BJ", "BJ01", "SC", "SC01", "ORPHAN"]);
  });
});
