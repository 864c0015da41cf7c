import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { codeLists, customers, financialStatements, institutions } from "@/db/schema";
import type { CustomerRecord, ImportContext, StatementRecord } from "@/server/domain/import/validate";
import { withinSubtree } from "./scope";

/** One template import at a time across all app instances (transaction-scoped advisory lock). */
const IMPORT_LOCK = 4_207_025; // distinct from the institution-tree lock (4_207_020)

export async function tryImportLock(tx: Queryable): Promise<boolean> {
  const rows = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${IMPORT_LOCK}) as ok`);
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { ok: boolean }[] }).rows;
  return list[0]?.ok === true;
}

export async function institutionsInScope(db: Queryable, actorPath: string) {
  return db
    .select({ id: institutions.id, code: institutions.code, nameZh: institutions.nameZh, nameEn: institutions.nameEn })
    .from(institutions)
    .where(and(eq(institutions.active, true), withinSubtree(institutions.path, actorPath)))
    .orderBy(institutions.path);
}

export async function activeCodes(db: Queryable, listType: string) {
  return db
    .select({ code: codeLists.code, nameZh: codeLists.nameZh, nameEn: codeLists.nameEn })
    .from(codeLists)
    .where(and(eq(codeLists.listType, listType), eq(codeLists.active, true)))
    .orderBy(codeLists.sortOrder, codeLists.code);
}

/** The stored customers among `codes`, with whether each lies in the actor's subtree. */
export async function existingCustomers(db: Queryable, codes: string[], actorPath: string): Promise<ImportContext["existing"]> {
  const out: ImportContext["existing"] = new Map();
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await db
      .select({ code: customers.code, type: customers.type, deletedAt: customers.deletedAt, inScope: sql<boolean>`${withinSubtree(institutions.path, actorPath)}` })
      .from(customers)
      .innerJoin(institutions, eq(institutions.id, customers.institutionId))
      .where(inArray(customers.code, codes.slice(i, i + 1000)));
    for (const r of rows) out.set(r.code, { type: r.type, inScope: r.inScope === true, deleted: r.deletedAt !== null });
  }
  return out;
}

/** Inserts or updates customers by code; returns code -> id. Rows are locked so a concurrent edit waits. */
export async function upsertCustomers(tx: Queryable, records: CustomerRecord[], now: Date): Promise<{ ids: Map<string, string>; inserted: number; updated: number }> {
  const ids = new Map<string, string>();
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < records.length; i += 500) {
    const chunk = records.slice(i, i + 500);
    const values = chunk.map((r) => ({
      code: r.code, name: r.name, type: r.type, institutionId: r.institutionId, industryCode: r.industryCode, regionCode: r.regionCode,
      natureCode: r.natureCode, creditCode: r.creditCode, registeredCapital: r.registeredCapital, establishedOn: r.establishedOn,
      employees: r.employees, contactName: r.contactName, contactPhone: r.contactPhone, address: r.address, source: "import" as const, updatedAt: now,
    }));
    const rows = await tx
      .insert(customers)
      .values(values)
      .onConflictDoUpdate({
        target: customers.code,
        set: {
          name: sql`excluded.name`, institutionId: sql`excluded.institution_id`, industryCode: sql`excluded.industry_code`, regionCode: sql`excluded.region_code`,
          natureCode: sql`excluded.nature_code`, creditCode: sql`excluded.credit_code`, registeredCapital: sql`excluded.registered_capital`,
          establishedOn: sql`excluded.established_on`, employees: sql`excluded.employees`, contactName: sql`excluded.contact_name`,
          contactPhone: sql`excluded.contact_phone`, address: sql`excluded.address`, updatedAt: now, version: sql`${customers.version} + 1`,
        },
      })
      .returning({ id: customers.id, code: customers.code, inserted: sql<boolean>`(xmax = 0)` });
    for (const r of rows) {
      ids.set(r.code, r.id);
      if (r.inserted) inserted++;
      else updated++;
    }
  }
  return { ids, inserted, updated };
}

export async function customerIdsByCode(tx: Queryable, codes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!codes.length) return out;
  const rows = await tx.select({ id: customers.id, code: customers.code }).from(customers).where(inArray(customers.code, codes));
  for (const r of rows) out.set(r.code, r.id);
  return out;
}

/** Inserts or replaces each statement (customer x period x form); a replaced statement goes back to "checked ok". */
export async function upsertStatements(tx: Queryable, ids: Map<string, string>, statements: StatementRecord[], now: Date): Promise<number> {
  const values = statements.flatMap((s) =>
    (["BS", "IS", "CF"] as const).map((form) => ({
      customerId: ids.get(s.customerCode)!, period: s.period, formCode: form, items: s.forms[form], checkStatus: "ok" as const,
      checkMessages: null, source: "import" as const, updatedAt: now,
    })),
  );
  for (let i = 0; i < values.length; i += 1000) {
    await tx
      .insert(financialStatements)
      .values(values.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [financialStatements.customerId, financialStatements.period, financialStatements.formCode],
        set: { items: sql`excluded.items`, checkStatus: sql`excluded.check_status`, checkMessages: null, source: sql`excluded.source`, updatedAt: now, withdrawnAt: null },
      });
  }
  return values.length;
}
