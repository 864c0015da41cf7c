import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import {
  codeLists,
  creditHistory,
  customers,
  financialStatements,
  institutions,
  parameters,
  users,
} from "@/db/schema";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo, type SeedSummary } from "@/db/seed";
import { BRANCH_STAFF_ROLES } from "@/db/seed/users";
import { STATEMENT_ITEMS, STATEMENT_PERIODS } from "@/db/seed/statements";
import { decryptIdNumber, idNumberLookupHash } from "@/server/auth/id-number-crypto";
import { verifyPassword } from "@/server/auth/password";
import { birthDateFromIdNumber, isValidIdNumber, isValidUscc, maskIdNumber } from "@/server/domain/validation/identity";
import { createTestDb } from "../setup/test-db";

let h: DbHandle;
let first: SeedSummary;
let seedMs = 0;

beforeAll(async () => {
  h = await createTestDb();
  const t = performance.now();
  first = await seedDemo(h.db);
  seedMs = performance.now() - t;
});
afterAll(async () => {
  await h?.close();
});

const TABLES = { institutions, users, codeLists, customers, financialStatements, creditHistory, parameters };

async function rowCounts(handle: DbHandle): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    const [r] = await handle.db.select({ n: count() }).from(table);
    out[name] = r.n;
  }
  return out;
}

/** Amount in yuan (2 decimals) -> integer cents, exactly. */
const cents = (v: number) => Math.round(v * 100);

/** What must not differ between two seeded databases: everything but generated ids, timestamps and ciphertexts. */
async function fingerprint(handle: DbHandle) {
  const insts = await handle.db.select().from(institutions);
  const instCode = new Map(insts.map((i) => [i.id, i.code]));
  const custs = await handle.db.select().from(customers).orderBy(asc(customers.code));
  const custCode = new Map(custs.map((c) => [c.id, c.code]));
  const statements = await handle.db.select().from(financialStatements);
  const history = await handle.db.select().from(creditHistory);
  const usrs = await handle.db.select().from(users).orderBy(asc(users.username));
  return {
    institutions: insts.map((i) => [i.code, i.nameZh, i.level, i.regionCode]).sort(),
    users: usrs.map((u) => [u.username, u.displayName, u.role, instCode.get(u.institutionId!), u.email, u.locale]),
    customers: custs.map((c) => [
      c.code, c.name, c.type, c.industryCode, c.regionCode, c.natureCode, instCode.get(c.institutionId), c.groupFlag,
      c.registeredCapital, c.establishedOn, c.creditCode, c.idNumberHash, c.idNumberMasked, c.birthDate, c.annualIncome,
      c.totalAssets, c.totalDebt, c.employees, c.contactName,
    ]),
    statements: statements
      .map((s) => [custCode.get(s.customerId), s.period, s.formCode, JSON.stringify(s.items), s.checkStatus])
      .sort((a, b) => String(a).localeCompare(String(b))),
    history: history
      .map((r) => [custCode.get(r.customerId), r.overdueCount24m, r.worstDaysPastDue24m, r.defaultsEver, r.existingDebt])
      .sort((a, b) => String(a).localeCompare(String(b))),
  };
}

describe("demo seed", () => {
  it("writes the expected volumes, fast", async () => {
    expect(first.skipped).toBe(false);
    expect(first.customers.corporate).toBeGreaterThanOrEqual(120);
    expect(first.customers.sme).toBeGreaterThanOrEqual(100);
    expect(first.customers.public_institution).toBeGreaterThanOrEqual(40);
    expect(first.customers.individual).toBeGreaterThanOrEqual(60);
    const total = Object.values(first.customers).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(320);
    const counts = await rowCounts(h);
    expect(counts.customers).toBe(total);
    expect(counts.institutions).toBe(first.institutions);
    expect(counts.users).toBe(first.users);
    expect(counts.financialStatements).toBe(first.statements);
    expect(counts.creditHistory).toBe(total);
    // the brief's budget is ~20 s on PGlite; leave room for a busy CI machine
    expect(seedMs).toBeLessThan(30_000);
  });

  it("builds a consistent institution tree with materialized paths", async () => {
    const insts = await h.db.select().from(institutions);
    const byId = new Map(insts.map((i) => [i.id, i]));
    const root = insts.filter((i) => i.parentId === null);
    expect(root).toHaveLength(1);
    expect(root[0].code).toBe("HO");
    for (const i of insts) {
      const parent = i.parentId === null ? null : byId.get(i.parentId)!;
      expect(i.path).toBe(`${parent?.path ?? "/"}${i.id}/`);
      expect(i.level).toBe(parent ? parent.level + 1 : 0);
    }
    const branches = insts.filter((i) => i.level === 1);
    expect(branches.length).toBeGreaterThanOrEqual(4);
    expect(new Set(branches.map((b) => b.regionCode.slice(0, 2))).size).toBe(branches.length);
    for (const b of branches) expect(insts.filter((i) => i.parentId === b.id).length).toBeGreaterThanOrEqual(2);

    // customers: at an existing institution, managed by a rater of that institution or one above it
    const usrs = await h.db.select().from(users);
    const userById = new Map(usrs.map((u) => [u.id, u]));
    const custs = await h.db.select().from(customers);
    const used = new Set<number>();
    for (const c of custs) {
      const inst = byId.get(c.institutionId)!;
      expect(inst).toBeDefined();
      used.add(inst.id);
      const manager = userById.get(c.managerUserId!)!;
      expect(manager.role).toBe("rater");
      expect(inst.path.startsWith(byId.get(manager.institutionId!)!.path)).toBe(true);
    }
    // spread over every branch and sub-branch
    for (const i of insts.filter((x) => x.level > 0)) expect(used.has(i.id)).toBe(true);
  });

  it("creates every demo login with its role and institution, sharing the demo password", async () => {
    const usrs = await h.db.select().from(users);
    const insts = await h.db.select().from(institutions);
    const instCode = new Map(insts.map((i) => [i.id, i.code]));
    const byName = new Map(usrs.map((u) => [u.username, u]));
    expect(usrs).toHaveLength(DEMO_LOGINS.length);
    for (const l of DEMO_LOGINS) {
      const u = byName.get(l.username);
      expect(u, l.username).toBeDefined();
      expect(u!.role).toBe(l.role);
      expect(instCode.get(u!.institutionId!)).toBe(l.institutionCode);
      expect(u!.email).toBe(`${l.username}@demo-bank.cn`);
      expect(u!.status).toBe("active");
    }
    const has = (username: string, role: string, code: string) =>
      expect(usrs.some((u) => u.username === username && u.role === role && instCode.get(u.institutionId!) === code), username).toBe(true);
    has("admin", "admin", "HO");
    for (const code of ["HO", "BJ", "SH", "GD", "SC"]) for (const role of BRANCH_STAFF_ROLES) has(`${code.toLowerCase()}.${role}`, role, code);
    for (const i of insts.filter((x) => x.level === 2)) has(`${i.code.toLowerCase()}.rater`, "rater", i.code);
    expect(usrs.some((u) => u.locale === "en")).toBe(true);
    expect(await verifyPassword(byName.get("bj.rater")!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(byName.get("bj.rater")!.passwordHash, "wrong-password")).toBe(false);

    // applicants own exactly one portal customer record each
    const custs = await h.db.select().from(customers);
    for (const l of DEMO_LOGINS.filter((x) => x.role.startsWith("applicant_"))) {
      const owned = custs.filter((c) => c.applicantUserId === byName.get(l.username)!.id);
      expect(owned, l.username).toHaveLength(1);
      expect(owned[0].source).toBe("portal");
      expect(owned[0].type === "individual").toBe(l.role === "applicant_individual");
    }
  });

  it("gives organisations valid credit codes and individuals valid, protected ID numbers", async () => {
    const custs = await h.db.select().from(customers);
    const codes = await h.db.select().from(codeLists);
    const listed = (type: string) => new Set(codes.filter((c) => c.listType === type).map((c) => c.code));
    const industries = listed("industry");
    const regions = listed("region");
    const natures = listed("customer_nature");
    expect(new Set(custs.map((c) => c.code)).size).toBe(custs.length);
    expect(new Set(custs.map((c) => c.name)).size).toBe(custs.length);
    for (const c of custs) {
      expect(c.code).toMatch(/^C\d{8}$/);
      expect(regions.has(c.regionCode!), c.regionCode!).toBe(true);
      expect(natures.has(c.natureCode!), c.natureCode!).toBe(true);
      if (c.type === "individual") {
        const id = decryptIdNumber(c.idNumberEnc!);
        expect(isValidIdNumber(id), id).toBe(true);
        expect(birthDateFromIdNumber(id)).toBe(c.birthDate);
        expect(c.idNumberMasked).toBe(maskIdNumber(id));
        expect(c.idNumberHash).toBe(idNumberLookupHash(id));
        expect(Number(id[16]) % 2 === 1 ? 1 : 2).toBe(c.gender);
        for (const v of [c.annualIncome, c.totalAssets, c.totalDebt]) expect(v).toMatch(/^\d+\.\d{2}$/);
        expect(c.occupation).toBeTruthy();
      } else {
        expect(isValidUscc(c.creditCode!), c.creditCode!).toBe(true);
        expect(industries.has(c.industryCode!), c.industryCode!).toBe(true);
        expect(c.registeredCapital).toMatch(/^\d+\.\d{2}$/);
        expect(c.establishedOn! < "2023-01-01").toBe(true);
      }
    }
    expect(new Set(custs.filter((c) => c.creditCode).map((c) => c.creditCode)).size).toBe(custs.filter((c) => c.creditCode).length);
    const corporates = custs.filter((c) => c.type === "corporate");
    const groupShare = corporates.filter((c) => c.groupFlag).length / corporates.length;
    expect(groupShare).toBeGreaterThan(0.05);
    expect(groupShare).toBeLessThan(0.3);
    // industries and regions are actually spread
    expect(new Set(custs.map((c) => c.industryCode).filter(Boolean)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(custs.map((c) => c.regionCode)).size).toBeGreaterThanOrEqual(12);
  });

  it("writes 3 years of complete statements that balance, except the deliberately failed ones", async () => {
    const custs = await h.db.select().from(customers);
    const statements = await h.db.select().from(financialStatements);
    const byCustomer = new Map<string, typeof statements>();
    for (const s of statements) byCustomer.set(s.customerId, [...(byCustomer.get(s.customerId) ?? []), s]);
    const orgs = custs.filter((c) => c.type !== "individual");
    expect(byCustomer.size).toBe(orgs.length);
    let failed = 0;
    for (const c of orgs) {
      const list = byCustomer.get(c.id)!;
      expect(list.map((s) => `${s.period}/${s.formCode}`).sort()).toEqual(
        STATEMENT_PERIODS.flatMap((p) => ["BS", "CF", "IS"].map((f) => `${p}/${f}`)).sort(),
      );
      for (const s of list) {
        const expected = STATEMENT_ITEMS[s.formCode as keyof typeof STATEMENT_ITEMS];
        expect(Object.keys(s.items).sort()).toEqual([...expected].sort());
        for (const v of Object.values(s.items)) {
          expect(typeof v).toBe("number");
          expect(Math.abs(cents(v) - v * 100)).toBeLessThan(1e-3);
        }
        expect(s.source).toBe("seed");
        expect(s.recordDate).toBe(`${s.period}-31`);
        if (s.formCode !== "BS") {
          expect(s.checkStatus).toBe("ok");
          continue;
        }
        const i = Object.fromEntries(Object.entries(s.items).map(([k, v]) => [k, cents(v)]));
        expect(i.BS004).toBeGreaterThanOrEqual(i.BS001 + i.BS002 + i.BS003);
        expect(i.BS007).toBeGreaterThanOrEqual(i.BS004 + i.BS005 + i.BS006);
        expect(i.BS010).toBeGreaterThanOrEqual(i.BS008 + i.BS009);
        expect(i.BS013).toBeGreaterThanOrEqual(i.BS010 + i.BS011 + i.BS012);
        expect(i.BS007).toBeGreaterThan(0);
        if (s.checkStatus === "failed") {
          failed++;
          expect(s.period).toBe("2025-12");
          expect(i.BS007).not.toBe(i.BS013 + i.BS014);
          expect(s.checkMessages?.[0]).toContain("BS007");
        } else {
          expect(s.checkStatus).toBe("ok");
          expect(i.BS007, `${c.code} ${s.period}`).toBe(i.BS013 + i.BS014);
        }
      }
      // the income statement hangs together
      for (const s of list.filter((x) => x.formCode === "IS")) {
        const i = s.items;
        expect(i.IS001).toBeGreaterThan(0);
        expect(i.IS003).toBeGreaterThanOrEqual(0);
        if (i.IS005 > 0) expect(i.IS006).toBeLessThanOrEqual(i.IS005);
        else expect(i.IS006).toBe(i.IS005);
      }
    }
    expect(failed).toBeGreaterThanOrEqual(3);
    expect(failed).toBeLessThanOrEqual(5);

    // credit quality is spread: some loss makers, some highly leveraged, most profitable
    const latest = statements.filter((s) => s.period === "2025-12");
    const netMargins = latest.filter((s) => s.formCode === "IS").map((s) => s.items.IS006 / s.items.IS001);
    const debtRatios = latest.filter((s) => s.formCode === "BS").map((s) => s.items.BS013 / s.items.BS007);
    const share = (xs: number[], p: (x: number) => boolean) => xs.filter(p).length / xs.length;
    expect(share(netMargins, (m) => m < 0)).toBeGreaterThan(0.03);
    expect(share(netMargins, (m) => m > 0)).toBeGreaterThan(0.75);
    expect(share(debtRatios, (d) => d > 0.85)).toBeGreaterThan(0.03);
    expect(share(debtRatios, (d) => d < 0.4)).toBeGreaterThan(0.1);
  });

  it("records credit history for every customer and the parameters", async () => {
    const custs = await h.db.select().from(customers);
    const history = await h.db.select().from(creditHistory);
    expect(new Set(history.map((r) => r.customerId))).toEqual(new Set(custs.map((c) => c.id)));
    for (const r of history) {
      expect(r.asOf).toBe("2026-09-30");
      expect(r.existingDebt).toMatch(/^\d+\.\d{2}$/);
      if (r.defaultsEver > 0) expect(r.worstDaysPastDue24m).toBeGreaterThanOrEqual(90);
    }
    expect(history.some((r) => r.defaultsEver > 0)).toBe(true);
    expect(history.filter((r) => r.overdueCount24m === 0).length).toBeGreaterThan(history.length / 2);

    const params = await h.db.select().from(parameters);
    const insts = await h.db.select().from(institutions);
    const gd = insts.find((i) => i.code === "GD")!;
    const get = (key: string, institutionId: number | null = null) =>
      params.find((p) => p.key === key && p.institutionId === institutionId)?.value;
    expect(get("escalation.grade")).toBe("AA");
    expect(get("escalation.grade", gd.id)).toBe("A");
    expect(get("escalation.amount")).toBe(50_000_000);
    expect(get("override.maxNotches")).toEqual({ rater: 2, reviewer: 1, risk_officer: 1, risk_reviewer: 1, approver: 2 });
    expect(get("rating.validityMonths")).toBe(12);
    expect(get("rating.renewalWarningDays")).toBe(60);
    expect(get("upload.maxBytes")).toBe(10_485_760);
    expect(get("upload.allowedTypes")).toEqual(["application/pdf", "image/jpeg", "image/png"]);
    expect(get("sync.schedule")).toEqual({ enabled: true, cron: "0 2 * * *" });
    expect(get("statement.balanceTolerance")).toEqual({ absolute: 1, relative: 0.0001 });
    expect(get("seed.demo.version")).toBe(1);

    const codes = await h.db.select().from(codeLists);
    const types = new Set(codes.map((c) => c.listType));
    for (const t of ["industry", "region", "customer_nature", "override_reason", "return_reason"]) expect(types.has(t), t).toBe(true);
    const sections = codes.filter((c) => c.listType === "industry" && /^[A-T]$/.test(c.code));
    expect(sections).toHaveLength(20);
    for (const c of codes) {
      expect(c.nameZh).toBeTruthy();
      expect(c.nameEn).toBeTruthy();
      if (c.parentCode) expect(codes.some((p) => p.listType === c.listType && p.code === c.parentCode)).toBe(true);
    }
  });

  it("is idempotent: a second run writes nothing", async () => {
    const before = await rowCounts(h);
    const again = await seedDemo(h.db);
    expect(again.skipped).toBe(true);
    expect(again.customers).toEqual(first.customers);
    expect(await rowCounts(h)).toEqual(before);
  });

  it("is deterministic: a second fresh database gets identical data, and concurrent runs seed once", async () => {
    const other = await createTestDb();
    try {
      const [a, b] = await Promise.all([seedDemo(other.db), seedDemo(other.db)]);
      expect([a.skipped, b.skipped].sort()).toEqual([false, true]);
      const [x, y] = await Promise.all([fingerprint(h), fingerprint(other)]);
      expect(y.institutions).toEqual(x.institutions);
      expect(y.users).toEqual(x.users);
      expect(y.customers).toEqual(x.customers);
      expect(y.statements).toEqual(x.statements);
      expect(y.history).toEqual(x.history);
    } finally {
      await other.close();
    }
  });
});
