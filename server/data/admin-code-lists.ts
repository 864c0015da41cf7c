import "server-only";
import { and, asc, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { codeLists } from "@/db/schema";

type CodeSort = "code" | "nameZh" | "nameEn" | "sortOrder";
const SORT_COLUMNS = { code: codeLists.code, nameZh: codeLists.nameZh, nameEn: codeLists.nameEn, sortOrder: codeLists.sortOrder } as const;

const columns = {
  listType: codeLists.listType,
  code: codeLists.code,
  nameZh: codeLists.nameZh,
  nameEn: codeLists.nameEn,
  parentCode: codeLists.parentCode,
  sortOrder: codeLists.sortOrder,
  active: codeLists.active,
};

export async function listCodes(
  db: Queryable,
  f: { listType: string; q?: string; includeInactive: boolean; sort: CodeSort; dir: "asc" | "desc"; page: number; pageSize: number },
) {
  const conditions: SQL[] = [eq(codeLists.listType, f.listType)];
  if (!f.includeInactive) conditions.push(eq(codeLists.active, true));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(codeLists.code, like), ilike(codeLists.nameZh, like), ilike(codeLists.nameEn, like))!);
  }
  const where = and(...conditions);
  const order = f.dir === "asc" ? asc(SORT_COLUMNS[f.sort]) : desc(SORT_COLUMNS[f.sort]);
  const [rows, [{ total }]] = await Promise.all([
    db.select(columns).from(codeLists).where(where).orderBy(order, asc(codeLists.code)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(codeLists).where(where),
  ]);
  return { rows, total };
}

export async function lockCode(tx: Queryable, listType: string, code: string) {
  const [row] = await tx
    .select(columns)
    .from(codeLists)
    .where(and(eq(codeLists.listType, listType), eq(codeLists.code, code)))
    .for("update");
  return row;
}

export async function insertCode(tx: Queryable, v: { listType: string; code: string; nameZh: string; nameEn: string; parentCode: string | null; sortOrder: number }) {
  await tx.insert(codeLists).values({ listType: v.listType, code: v.code, nameZh: v.nameZh, nameEn: v.nameEn, parentCode: v.parentCode, sortOrder: v.sortOrder });
}

export async function updateCode(tx: Queryable, listType: string, code: string, v: { nameZh: string; nameEn: string; parentCode: string | null; sortOrder: number }) {
  await tx
    .update(codeLists)
    .set({ nameZh: v.nameZh, nameEn: v.nameEn, parentCode: v.parentCode, sortOrder: v.sortOrder })
    .where(and(eq(codeLists.listType, listType), eq(codeLists.code, code)));
}

export async function setCodeActive(tx: Queryable, listType: string, code: string, active: boolean) {
  await tx.update(codeLists).set({ active }).where(and(eq(codeLists.listType, listType), eq(codeLists.code, code)));
}

/** Active codes of a list, for pickers (parent codes, institution regions). */
export async function listActiveCodes(db: Queryable, listType: string) {
  return db
    .select({ code: codeLists.code, nameZh: codeLists.nameZh, nameEn: codeLists.nameEn, parentCode: codeLists.parentCode })
    .from(codeLists)
    .where(and(eq(codeLists.listType, listType), eq(codeLists.active, true)))
    .orderBy(asc(codeLists.sortOrder), asc(codeLists.code));
}
