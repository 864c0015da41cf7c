import "server-only";
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { creditHistory, customers, financialStatements, institutions, users } from "@/db/schema";
import { withinSubtree } from "./scope";

export type CustomerSortKey = "code" | "name" | "type" | "grade" | "institution" | "expires";
const SORT_COLUMNS: Record<CustomerSortKey, SQL | AnyPgColumn> = {
  code: customers.code,
  name: customers.name,
  type: sql`${customers.type}::text`,
  grade: customers.currentGrade,
  institution: institutions.code,
  expires: customers.currentRatingExpiresOn,
};

export interface CustomerListFilter {
  /** Institution path the actor may see (staff); or the applicant's user id. */
  scope: { kind: "subtree"; path: string } | { kind: "applicant"; userId: string };
  q?: string;
  type?: "corporate" | "sme" | "public_institution" | "individual";
  industryCode?: string;
  regionCode?: string;
  institutionId?: number;
  grade?: string;
  sort: CustomerSortKey;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
}

function scopeCondition(scope: CustomerListFilter["scope"]): SQL {
  return scope.kind === "subtree" ? withinSubtree(institutions.path, scope.path) : eq(customers.applicantUserId, scope.userId);
}

export async function listCustomers(db: Queryable, f: CustomerListFilter) {
  const conditions: SQL[] = [scopeCondition(f.scope), sql`${customers.deletedAt} is null`];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(customers.code, like), ilike(customers.name, like))!);
  }
  if (f.type) conditions.push(eq(customers.type, f.type));
  if (f.industryCode) conditions.push(or(eq(customers.industryCode, f.industryCode), ilike(customers.industryCode, `${f.industryCode}%`))!);
  if (f.regionCode) conditions.push(eq(customers.regionCode, f.regionCode));
  if (f.institutionId) conditions.push(eq(customers.institutionId, f.institutionId));
  if (f.grade) conditions.push(eq(customers.currentGrade, f.grade));
  const where = and(...conditions);
  const order = f.dir === "asc" ? asc(SORT_COLUMNS[f.sort]) : desc(SORT_COLUMNS[f.sort]);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: customers.id,
        code: customers.code,
        name: customers.name,
        type: customers.type,
        industryCode: customers.industryCode,
        regionCode: customers.regionCode,
        grade: customers.currentGrade,
        expiresOn: customers.currentRatingExpiresOn,
        institutionCode: institutions.code,
        institutionNameZh: institutions.nameZh,
        institutionNameEn: institutions.nameEn,
      })
      .from(customers)
      .innerJoin(institutions, eq(institutions.id, customers.institutionId))
      .where(where)
      .orderBy(order, asc(customers.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(customers).innerJoin(institutions, eq(institutions.id, customers.institutionId)).where(where),
  ]);
  return { rows, total };
}

export async function findCustomerWithScope(db: Queryable, id: string) {
  const [row] = await db
    .select({
      customer: customers,
      institutionPath: institutions.path,
      institutionCode: institutions.code,
      institutionNameZh: institutions.nameZh,
      institutionNameEn: institutions.nameEn,
      managerName: users.displayName,
    })
    .from(customers)
    .innerJoin(institutions, eq(institutions.id, customers.institutionId))
    .leftJoin(users, eq(users.id, customers.managerUserId))
    .where(eq(customers.id, id))
    .limit(1);
  return row;
}

export async function listStatements(db: Queryable, customerId: string) {
  return db
    .select({
      id: financialStatements.id,
      period: financialStatements.period,
      formCode: financialStatements.formCode,
      items: financialStatements.items,
      checkStatus: financialStatements.checkStatus,
      checkMessages: financialStatements.checkMessages,
    })
    .from(financialStatements)
    .where(and(eq(financialStatements.customerId, customerId), sql`${financialStatements.withdrawnAt} is null`))
    .orderBy(desc(financialStatements.period), asc(financialStatements.formCode));
}

export async function latestCreditHistory(db: Queryable, customerId: string) {
  const [row] = await db.select().from(creditHistory).where(eq(creditHistory.customerId, customerId)).orderBy(desc(creditHistory.asOf)).limit(1);
  return row;
}
