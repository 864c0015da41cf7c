import "server-only";
import { count, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { customers, institutions } from "@/db/schema";
import { withinSubtree } from "./scope";

export async function portfolioSummary(db: Queryable, path: string) {
  const base = db.select({ grade: customers.currentGrade, n: count() }).from(customers).innerJoin(institutions, eq(institutions.id, customers.institutionId));
  const grades = await base.where(sql`${withinSubtree(institutions.path, path)} and ${customers.deletedAt} is null`).groupBy(customers.currentGrade);
  return {
    customers: grades.reduce((s, g) => s + g.n, 0),
    rated: grades.filter((g) => g.grade).reduce((s, g) => s + g.n, 0),
    byGrade: grades.filter((g) => g.grade).map((g) => ({ grade: g.grade!, count: g.n })),
  };
}
