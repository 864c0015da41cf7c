import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, like, sql } from "drizzle-orm";
import type { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { auditLog, customers, institutions, ratingApplications, ratings, users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { createTestDb } from "../setup/test-db";
import { callerFor, userId } from "../fixtures/actors";

let h: DbHandle;
const inst = async (code: string) => {
  const [r] = await h.db.select().from(institutions).where(eq(institutions.code, code));
  return r;
};

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
  // determined ratings of BJ01 customers, so the denormalised path on ratings has something to follow
  const bj01 = await inst("BJ01");
  const some = await h.db.select({ id: customers.id, type: customers.type }).from(customers).where(eq(customers.institutionId, bj01.id)).limit(3);
  await h.db.insert(ratings).values(some.map((c) => ({ customerId: c.id, origin: "history" as const, customerType: c.type, institutionId: bj01.id, institutionPath: bj01.path, grade: "A", ratedOn: "2026-01-10", effectiveOn: "2026-01-10", expiresOn: "2027-01-10" })));
});
afterAll(async () => h?.close());

async function failure(p: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
  try {
    await p;
  } catch (e) {
    const err = e as TRPCError & { cause?: { fields?: { path: string; message: string }[]; issues?: { path: (string | number)[]; message: string }[] } };
    return { code: err.code, fields: err.cause?.fields?.map((f) => `${f.path}:${f.message}`) ?? err.cause?.issues?.map((i) => `${i.path.join(".")}:${i.message}`) ?? [] };
  }
  return { code: "OK", fields: [] };
}

describe("unique codes", () => {
  it("creates an institution below an active parent, with its path and level", async () => {
    const admin = await callerFor(h.db, "admin");
    const bj = await inst("BJ");
    const { id } = await admin.admin.institutions.create({ code: "bj03", nameZh: "北京西城支行", nameEn: "Beijing Xicheng Sub-branch", regionCode: "110102", parentId: bj.id });
    const created = await inst("BJ03");
    expect(created).toMatchObject({ id, parentId: bj.id, level: 2, path: `${bj.path}${id}/`, active: true });
    const [row] = await h.db.select().from(auditLog).where(eq(auditLog.action, "admin.institution.create")).orderBy(desc(auditLog.id)).limit(1);
    expect(row.after).toMatchObject({ code: "BJ03", parentCode: "BJ", path: created.path });
  });

  it("refuses a taken code (whatever its case) at the code field, on create and on edit", async () => {
    const admin = await callerFor(h.db, "admin");
    const sh = await inst("SH");
    const dup = await failure(admin.admin.institutions.create({ code: "gd01", nameZh: "重复", nameEn: "Dup", regionCode: "310000", parentId: sh.id }));
    expect(dup).toEqual({ code: "BAD_REQUEST", fields: ["code:admin.institutions.error.codeTaken"] });
    const edit = await failure(admin.admin.institutions.update({ id: sh.id, code: "BJ", nameZh: sh.nameZh, nameEn: sh.nameEn, regionCode: sh.regionCode }));
    expect(edit.fields).toEqual(["code:admin.institutions.error.codeTaken"]);
    const badRegion = await failure(admin.admin.institutions.update({ id: sh.id, code: "SH", nameZh: sh.nameZh, nameEn: sh.nameEn, regionCode: "999999" }));
    expect(badRegion.fields).toEqual(["regionCode:admin.validation.region"]);
    // its own code is not "taken"; renaming keeps every link (customers point at the id)
    await admin.admin.institutions.update({ id: sh.id, code: "SH", nameZh: "上海分行（营业部）", nameEn: sh.nameEn, regionCode: sh.regionCode });
    expect((await inst("SH")).nameZh).toBe("上海分行（营业部）");
  });

  it("keeps the tree within four levels", async () => {
    const admin = await callerFor(h.db, "admin");
    const bj01 = await inst("BJ01");
    const { id } = await admin.admin.institutions.create({ code: "BJ01-A", nameZh: "海淀一号网点", nameEn: "Haidian Outlet 1", regionCode: "110108", parentId: bj01.id });
    expect((await failure(admin.admin.institutions.create({ code: "BJ01-A1", nameZh: "太深", nameEn: "Too deep", regionCode: "110108", parentId: id }))).fields).toEqual(["parentId:admin.institutions.error.tooDeep"]);
  });
});

describe("moving institutions", () => {
  it("rewrites the path and level of the moved institution, all its descendants and their ratings, in one step", async () => {
    const admin = await callerFor(h.db, "admin");
    const [bj01, sh] = [await inst("BJ01"), await inst("SH")];
    const outlet = await inst("BJ01-A");
    // counted independently before the move: every rating denormalised under the moved subtree
    const before = await h.db.select({ id: ratings.id }).from(ratings).where(like(ratings.institutionPath, `${bj01.path}%`));
    expect(before.length).toBeGreaterThan(0);
    const res = await admin.admin.institutions.move({ id: bj01.id, parentId: sh.id });
    expect(res).toMatchObject({ changed: true, institutions: 2, ratings: before.length });
    const moved = await inst("BJ01");
    expect(moved).toMatchObject({ parentId: sh.id, level: 2, path: `${sh.path}${bj01.id}/` });
    expect(await inst("BJ01-A")).toMatchObject({ level: 3, path: `${sh.path}${bj01.id}/${outlet.id}/`, parentId: bj01.id });
    const paths = await h.db.select({ p: ratings.institutionPath }).from(ratings).where(eq(ratings.institutionId, bj01.id));
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths.map((p) => p.p))).toEqual(new Set([moved.path]));
    expect(await h.db.select({ id: institutions.id }).from(institutions).where(like(institutions.path, `${bj01.path}%`))).toEqual([]);
    const [row] = await h.db.select().from(auditLog).where(eq(auditLog.action, "admin.institution.move")).orderBy(desc(auditLog.id)).limit(1);
    expect(row).toMatchObject({ entityId: String(bj01.id), before: { parentCode: "BJ", path: bj01.path }, after: { parentCode: "SH", path: moved.path, institutionsMoved: 2, ratingsRepathed: before.length } });
  });

  it("moves scope with the tree: the new parent's staff see the customers, the old parent's no longer", async () => {
    const bj01 = await inst("BJ01");
    const [c] = await h.db.select({ id: customers.id }).from(customers).where(eq(customers.institutionId, bj01.id)).limit(1);
    const sh = await callerFor(h.db, "sh.analyst");
    expect((await sh.customers.get({ id: c.id })).id).toBe(c.id);
    const bj = await callerFor(h.db, "bj.analyst");
    expect((await failure(bj.customers.get({ id: c.id }))).code).toBe("FORBIDDEN");
    // the moved sub-branch's own staff keep their institution (the session reads the path anew)
    const own = await callerFor(h.db, "bj01.rater");
    expect((await own.customers.get({ id: c.id })).id).toBe(c.id);
  });

  it("refuses cycles: below itself or below one of its descendants, and moving the root", async () => {
    const admin = await callerFor(h.db, "admin");
    const [sh, bj01, outlet, ho, gd] = [await inst("SH"), await inst("BJ01"), await inst("BJ01-A"), await inst("HO"), await inst("GD")];
    expect((await failure(admin.admin.institutions.move({ id: sh.id, parentId: bj01.id }))).fields).toEqual(["parentId:admin.institutions.error.cycle"]);
    expect((await failure(admin.admin.institutions.move({ id: bj01.id, parentId: outlet.id }))).fields).toEqual(["parentId:admin.institutions.error.cycle"]);
    expect((await failure(admin.admin.institutions.move({ id: sh.id, parentId: sh.id }))).fields).toEqual(["parentId:admin.institutions.error.cycle"]);
    expect((await failure(admin.admin.institutions.move({ id: ho.id, parentId: gd.id }))).fields).toEqual(["parentId:admin.institutions.error.moveRoot"]);
    expect(await inst("SH")).toMatchObject({ path: sh.path, parentId: ho.id });
  });

  it("serialises concurrent moves so two crossing moves cannot build a loop", async () => {
    const admin = await callerFor(h.db, "admin");
    const [gd, sc] = [await inst("GD"), await inst("SC")];
    const results = await Promise.allSettled([admin.admin.institutions.move({ id: gd.id, parentId: sc.id }), admin.admin.institutions.move({ id: sc.id, parentId: gd.id })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const all = await h.db.select({ id: institutions.id, parentId: institutions.parentId, path: institutions.path }).from(institutions);
    const byId = new Map(all.map((r) => [r.id, r]));
    for (const r of all) {
      // walking up from every node reaches the root, and the stored path equals the walked one
      const ids: number[] = [];
      for (let cur: typeof r | undefined = r; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
        expect(ids).not.toContain(cur.id);
        ids.unshift(cur.id);
      }
      expect(r.path).toBe(`/${ids.join("/")}/`);
    }
    // put both branches back under the head office
    const ho = await inst("HO");
    for (const code of ["GD", "SC"]) await admin.admin.institutions.move({ id: (await inst(code)).id, parentId: ho.id });
  });

  it("a move that fails at commit rewrites nothing and leaves no audit row", async () => {
    const admin = await callerFor(h.db, "admin");
    const [bj02, gd] = [await inst("BJ02"), await inst("GD")];
    const auditCount = async () => (await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n;
    const before = await auditCount();
    await h.db.execute(sql.raw(`CREATE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END; $$`));
    await h.db.execute(sql.raw(`CREATE CONSTRAINT TRIGGER test_inst_fail AFTER UPDATE ON institutions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_at_commit()`));
    try {
      expect((await failure(admin.admin.institutions.move({ id: bj02.id, parentId: gd.id }))).code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await h.db.execute(sql.raw(`DROP TRIGGER test_inst_fail ON institutions`));
      await h.db.execute(sql.raw(`DROP FUNCTION test_fail_at_commit()`));
    }
    expect(await inst("BJ02")).toMatchObject({ path: bj02.path, parentId: bj02.parentId, level: bj02.level });
    expect(await auditCount()).toBe(before);
  });
});

describe("deactivating institutions", () => {
  it("refuses while active users, active sub-institutions or rating applications in progress remain", async () => {
    const admin = await callerFor(h.db, "admin");
    const [bj02, bj] = [await inst("BJ02"), await inst("BJ")];
    expect((await failure(admin.admin.institutions.setActive({ id: bj02.id, active: false }))).fields).toEqual([expect.stringMatching(/^active:admin.institutions.error.activeUsers$/)]);
    expect((await failure(admin.admin.institutions.setActive({ id: bj.id, active: false }))).fields).toEqual(expect.arrayContaining(["active:admin.institutions.error.activeChildren", "active:admin.institutions.error.activeUsers"]));
    const ho = await inst("HO");
    expect((await failure(admin.admin.institutions.setActive({ id: ho.id, active: false }))).fields).toContain("active:admin.institutions.error.deactivateRoot");

    for (const u of await h.db.select({ id: users.id }).from(users).where(and(eq(users.institutionId, bj02.id), eq(users.status, "active")))) {
      await admin.admin.users.setStatus({ id: u.id, status: "inactive" });
    }
    const [c] = await h.db.select({ id: customers.id }).from(customers).where(eq(customers.institutionId, bj02.id)).limit(1);
    const [app] = await h.db
      .insert(ratingApplications)
      .values({ reference: "RA-TEST-000001", customerId: c.id, institutionId: bj02.id, channel: "bank", chainKey: "bank", initiatorUserId: await userId(h.db, "bj.rater"), status: "in_review" })
      .returning({ id: ratingApplications.id });
    expect((await failure(admin.admin.institutions.setActive({ id: bj02.id, active: false }))).fields).toEqual(["active:admin.institutions.error.openApplications"]);
    await h.db.update(ratingApplications).set({ status: "withdrawn" }).where(eq(ratingApplications.id, app.id));
    await admin.admin.institutions.setActive({ id: bj02.id, active: false });
    expect(await inst("BJ02")).toMatchObject({ active: false, deactivatedAt: expect.any(Date) });
  });

  it("loses no history: customers and users of a deactivated institution stay readable", async () => {
    const bj02 = await inst("BJ02");
    const [c] = await h.db.select({ id: customers.id }).from(customers).where(eq(customers.institutionId, bj02.id)).limit(1);
    const bj = await callerFor(h.db, "bj.analyst");
    expect((await bj.customers.get({ id: c.id })).id).toBe(c.id);
    expect((await bj.customers.list({ institutionId: bj02.id })).total).toBeGreaterThan(0);
    const admin = await callerFor(h.db, "admin");
    const listed = await admin.admin.users.list({ institutionId: bj02.id });
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.rows.every((u) => u.status === "inactive")).toBe(true);
    const tree = await admin.admin.institutions.tree();
    expect(tree.nodes.find((n) => n.code === "BJ02")).toMatchObject({ active: false, customers: expect.any(Number) });
  });

  it("places nobody at an inactive institution and moves nothing under it", async () => {
    const admin = await callerFor(h.db, "admin");
    const [bj02, gd01] = [await inst("BJ02"), await inst("GD01")];
    const create = await failure(admin.admin.users.create({ username: "nobody.here", displayName: "x", email: "nobody@x.test", role: "rater", institutionId: bj02.id, password: "Kredit#Start2026" }));
    expect(create.fields).toEqual(["institutionId:admin.validation.institution"]);
    expect((await failure(admin.admin.users.setStatus({ id: await userId(h.db, "bj02.rater"), status: "active" }))).fields).toEqual(["status:admin.users.error.institutionInactive"]);
    expect((await failure(admin.admin.institutions.move({ id: gd01.id, parentId: bj02.id }))).fields).toEqual(["parentId:admin.institutions.error.parentInactive"]);
    expect((await failure(admin.admin.institutions.create({ code: "BJ02-X", nameZh: "x", nameEn: "x", regionCode: "110105", parentId: bj02.id }))).fields).toEqual(["parentId:admin.institutions.error.parentInactive"]);
  });

  it("reactivates only below an active parent", async () => {
    const admin = await callerFor(h.db, "admin");
    const bj02 = await inst("BJ02");
    await admin.admin.institutions.setActive({ id: bj02.id, active: true });
    expect((await inst("BJ02")).active).toBe(true);
    const rows = await h.db.select({ action: auditLog.action, before: auditLog.before, after: auditLog.after }).from(auditLog).where(and(eq(auditLog.entityType, "institution"), eq(auditLog.entityId, String(bj02.id)))).orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual(["admin.institution.deactivate", "admin.institution.reactivate"]);
  });

  it("keeps staff out", async () => {
    const rater = await callerFor(h.db, "ho.approver");
    expect((await failure(rater.admin.institutions.tree())).code).toBe("FORBIDDEN");
    expect((await failure(rater.admin.institutions.move({ id: 2, parentId: 3 }))).code).toBe("FORBIDDEN");
  });
});
