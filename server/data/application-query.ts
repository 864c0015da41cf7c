import "server-only";
import { and, asc, count, desc, eq, gte, ilike, lte, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { customers, institutions, ratingApplications } from "@/db/schema";
import { withinSubtree } from "./scope";

export type ApplicationSort = "reference" | "customer" | "status" | "grade" | "created" | "decided";
const SORTS: Record<ApplicationSort, AnyPgColumn | SQL> = {
  reference: ratingApplications.reference,
  customer: customers.name,
  status: sql`${ratingApplications.status}::text`,
  grade: sql`coalesce(${ratingApplications.finalGrade}, ${ratingApplications.proposedGrade})`,
  created: ratingApplications.createdAt,
  decided: ratingApplications.decidedAt,
};

export interface ApplicationQuery {
  scopePath: string;
  q?: string;
  industryCode?: string;
  type?: string;
  institutionId?: number;
  grade?: string;
  status?: string;
  from?: string;
  to?: string;
  sort: ApplicationSort;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
}

/** In-progress and finished ratings, filtered, sorted and paged in SQL, always inside the caller's subtree. */
export async function queryApplications(db: Queryable, f: ApplicationQuery) {
  const where: SQL[] = [withinSubtree(institutions.path, f.scopePath)];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(customers.code, like), ilike(customers.name, like), ilike(ratingApplications.reference, like))!);
  }
  if (f.industryCode) where.push(eq(customers.industryCode, f.industryCode));
  if (f.type) where.push(sql`${customers.type}::text = ${f.type}`);
  if (f.institutionId) where.push(eq(ratingApplications.institutionId, f.institutionId));
  if (f.grade) where.push(sql`coalesce(${ratingApplications.finalGrade}, ${ratingApplications.proposedGrade}) = ${f.grade}`);
  if (f.status) where.push(sql`${ratingApplications.status}::text = ${f.status}`);
  if (f.from) where.push(gte(ratingApplications.createdAt, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) where.push(lte(ratingApplications.createdAt, new Date(`${f.to}T23:59:59Z`)));
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: ratingApplications.id,
        reference: ratingApplications.reference,
        status: ratingApplications.status,
        channel: ratingApplications.channel,
        customerCode: customers.code,
        customerName: customers.name,
        customerType: customers.type,
        institutionNameZh: institutions.nameZh,
        institutionNameEn: institutions.nameEn,
        systemGrade: ratingApplications.systemGrade,
        grade: sql<string | null>`coalesce(${ratingApplications.finalGrade}, ${ratingApplications.proposedGrade})`,
        createdAt: ratingApplications.createdAt,
        decidedAt: ratingApplications.decidedAt,
      })
      .from(ratingApplications)
      .innerJoin(customers, eq(customers.id, ratingApplications.customerId))
      .innerJoin(institutions, eq(institutions.id, ratingApplications.institutionId))
      .where(cond)
      .orderBy(f.dir === "asc" ? asc(SORTS[f.sort]) : desc(SORTS[f.sort]), asc(ratingApplications.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(ratingApplications).innerJoin(customers, eq(customers.id, ratingApplications.customerId)).innerJoin(institutions, eq(institutions.id, ratingApplications.institutionId)).where(cond),
  ]);
  return { rows, total };
}
