import { describe, expect, it } from "vitest";
import { DEMO_SYNC_CONFIG, configHash, parseSyncConfig, planCustomer, groupChecksum, compareCustId, type CustomerGroup, type PlanContext } from "@/server/domain/sync";
import { advanceWatermark, formatWatermark, isAfterWatermark, parseWatermark } from "@/server/domain/sync/watermark";

const ctx: PlanContext = {
  config: DEMO_SYNC_CONFIG,
  configHash: configHash(DEMO_SYNC_CONFIG),
  institutions: new Map([["BJ01", { id: 5, regionCode: "110108" }]]),
  industries: new Set(["13", "C"]),
  natures: new Set(["private", "state_owned"]),
  users: new Map([["bj01.rater", "u-1"]]),
};

function group(over: Partial<CustomerGroup> = {}): CustomerGroup {
  const rec = (form: string, period: string, del = "0") => ({ FORMCODE: form, CUSTID: "1001", RECORDMONTH: period, RECORDDATE: `${period.slice(0, 4)}-12-31`, NOTE: null, DELFLG: del, ACCESSTIME: "2026-01-15 10:00:00" });
  const d = (form: string, item: string, v: string | null, q: string | null = null) => ({ ITEMCODE: item, FORMCODE: form, CUSTID: "1001", RECORDMONTH: "2025-12", VALUE: v, QVALUE: q, SCORE: null });
  return {
    custId: "1001",
    infos: [{ CUSTID: "1001", RECORDMONTH: "2026-01", CTYPE: "01", GCCSREADFLG: "0", DTPREADFLG: "0", CUSTCODE: "C1001", CUSTNAME: "测试企业", EMPTYPE: "170", UNAME: "bj01.rater", ORGCODE: "1101", TRADENO: "C13", GROUPFLG: "N" }],
    records: [rec("ZCFZB", "2025-12"), rec("LRB", "2025-12"), rec("DXZB", "2025-12")],
    data: [
      d("ZCFZB", "ZC09", "1000.50"), d("ZCFZB", "FZ08", "400.25"), d("ZCFZB", "QY03", "600.25"),
      d("LRB", "LR01", "900"), d("LRB", "LR08", "-12.5"),
      d("DXZB", "DX01", null, "A"),
    ],
    ...over,
  };
}

describe("sync plan", () => {
  it("maps a customer through the configuration", () => {
    const p = planCustomer(group(), ctx);
    expect(p.issues).toEqual([]);
    expect(p.customer).toMatchObject({ sourceId: "1001", code: "C1001", type: "corporate", natureCode: "private", industryCode: "13", institutionId: 5, regionCode: "110108", managerUserId: "u-1", groupFlag: false });
    const bs = p.statements.find((s) => s.form === "BS")!;
    expect(bs).toMatchObject({ action: "upsert", items: { BS007: 1000.5, BS013: 400.25, BS014: 600.25 }, checkStatus: "ok", recordDate: "2025-12-31" });
    expect(p.statements.find((s) => s.form === "IS")!.items).toEqual({ IS001: 900, IS006: -12.5 });
    expect(p.answers).toEqual([{ period: "2025-12", action: "upsert", answers: { ql_management: "A" } }]);
    expect(p.rowsRead).toBe(10);
    expect(p.checksum).not.toContain("~partial");
  });

  it("rejects a bad information row with its key, field and reason, and the whole customer with it", () => {
    const g = group();
    g.infos[0] = { ...g.infos[0], ORGCODE: "9999", CTYPE: "77" };
    const p = planCustomer(g, ctx);
    expect(p.customer).toBeNull();
    expect(p.issues).toEqual([
      { interface: "customerInfo", key: "1001", field: "CTYPE", reason: "sync.err.customerType", value: "77" },
      { interface: "customerInfo", key: "1001", field: "ORGCODE", reason: "sync.err.institution", value: "9999" },
    ]);
    expect(p.rowsRejected).toBe(p.rowsRead);
  });

  it("a bad data row keeps that statement untouched and lets the rest go on", () => {
    const g = group();
    g.data[0] = { ...g.data[0], VALUE: "12,00" };
    const p = planCustomer(g, ctx);
    expect(p.issues).toEqual([{ interface: "reportData", key: "1001/2025-12/ZCFZB/ZC09", field: "VALUE", reason: "sync.err.number", value: "12,00" }]);
    expect(p.statements.find((s) => s.form === "BS")!.action).toBe("keep");
    expect(p.statements.find((s) => s.form === "IS")!.action).toBe("upsert");
    expect(p.rowsRejected).toBe(4); // the record and its three data rows
    expect(p.checksum).toMatch(/~partial$/);
  });

  it("reports unknown items, orphan data rows and unknown customers", () => {
    const g = group();
    g.data.push({ ITEMCODE: "ZZ99", FORMCODE: "LRB", CUSTID: "1001", RECORDMONTH: "2025-12", VALUE: "1", QVALUE: null, SCORE: null });
    g.data.push({ ITEMCODE: "XJ01", FORMCODE: "XJLLB", CUSTID: "1001", RECORDMONTH: "2025-12", VALUE: "1", QVALUE: null, SCORE: null });
    const p = planCustomer(g, ctx);
    expect(p.issues.map((i) => [i.key, i.field, i.reason])).toEqual([
      ["1001/2025-12/LRB/ZZ99", "ITEMCODE", "sync.err.item"],
      ["1001/2025-12/XJLLB", "FORMCODE", "sync.err.noRecord"],
    ]);
    const orphan = planCustomer({ custId: "2002", infos: [], records: [], data: [g.data[0]] }, ctx);
    expect(orphan.issues[0]).toMatchObject({ key: "2002", field: "CUSTID", reason: "sync.err.unknownCustomer" });
  });

  it("DELFLG=1 withdraws the statement; an unbalanced sheet is stored with a failed check", () => {
    const g = group();
    g.records[0] = { ...g.records[0], DELFLG: "1" };
    expect(planCustomer(g, ctx).statements.find((s) => s.form === "BS")!.action).toBe("withdraw");
    const u = group();
    u.data[0] = { ...u.data[0], VALUE: "1100.50" };
    const bs = planCustomer(u, ctx).statements.find((s) => s.form === "BS")!;
    expect(bs.checkStatus).toBe("failed");
    expect(bs.checkMessages![0]).toContain("workflow.unbalanced");
  });

  it("checksum: the same content in another row order is equal; any changed value or mapping differs", () => {
    const a = group();
    const b = group({ data: [...group().data].reverse() });
    expect(groupChecksum(a, "x")).toBe(groupChecksum(b, "x"));
    const c = group();
    c.data[3] = { ...c.data[3], VALUE: "901" };
    expect(groupChecksum(c, "x")).not.toBe(groupChecksum(a, "x"));
    expect(groupChecksum(a, "y")).not.toBe(groupChecksum(a, "x"));
    const other = parseSyncConfig({ ...DEMO_SYNC_CONFIG, natures: { map: { "170": "state_owned" } } });
    expect(configHash(other)).not.toBe(configHash(DEMO_SYNC_CONFIG));
  });

  it("configuration is validated", () => {
    expect(() => parseSyncConfig({ customerTypes: {}, forms: { X: { form: "ZZ", items: {} } } })).toThrow();
    expect(() => parseSyncConfig({ customerTypes: {}, forms: {}, source: { customerInfo: "x; drop table y" } })).toThrow();
  });

  it("orders CUSTIDs numerically", () => {
    expect(["10", "9", "100", "09"].sort(compareCustId)).toEqual(["9", "09", "10", "100"].sort(compareCustId));
    expect(compareCustId("9", "10")).toBeLessThan(0);
  });
});

describe("sync watermark", () => {
  it("round-trips, advances and selects inclusively", () => {
    const w0 = parseWatermark(null);
    expect(isAfterWatermark(w0, { accessTime: "2020-01-01 00:00:00" })).toBe(true);
    const w1 = advanceWatermark(w0, { accessTime: "2026-01-15 10:00:00", recordMonth: "2026-01" });
    const w2 = advanceWatermark(w1, { accessTime: "2025-01-01 00:00:00", recordMonth: null });
    expect(w2).toEqual(w1);
    expect(parseWatermark(formatWatermark(w2))).toEqual(w1);
    expect(isAfterWatermark(w1, { accessTime: "2026-01-15 10:00:00" })).toBe(true);
    expect(isAfterWatermark(w1, { accessTime: "2026-01-15 09:59:59", recordMonth: "2025-12" })).toBe(false);
    expect(isAfterWatermark(w1, { recordMonth: "2026-01" })).toBe(false);
    expect(isAfterWatermark(w1, { recordMonth: "2026-02" })).toBe(true);
    expect(parseWatermark("garbage")).toEqual(w0);
  });
});
