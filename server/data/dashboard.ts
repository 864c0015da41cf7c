import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rowsOf } from "@/db/rows";

/** A rater's latest determined ratings (the ones they made). */
export async function recentRatingsBy(db: Queryable, raterUserId: string, limit = 10) {
  return rowsOf<{ id: string; customerCode: string; customerName: string; grade: string; ratedOn: string }>(await db.execute(sql`
    select r.id::text as id, c.code as "customerCode", c.name as "customerName", r.grade, r.rated_on::text as "ratedOn"
    from ratings r join customers c on c.id = r.customer_id where r.rater_user_id = ${raterUserId}::uuid
    order by r.rated_on desc, r.created_at desc limit ${limit}`));
}

/** Steps an approver acted on since `since`, by action, and the median hours a step waited for them. */
export async function throughputOf(db: Queryable, userId: string, since: Date) {
  const rows = rowsOf<{ action: string; n: number; median: number | null }>(await db.execute(sql`
    select s.action::text as action, count(*)::int as n,
      (percentile_cont(0.5) within group (order by extract(epoch from (s.acted_at - s.entered_at)) / 3600.0))::float8 as median
    from approval_steps s where s.actor_user_id = ${userId}::uuid and s.acted_at >= ${since.toISOString()}::timestamptz group by 1`));
  return rows.map((r) => ({ action: r.action, count: r.n, medianHours: r.median === null ? null : Math.round(Number(r.median) * 10) / 10 }));
}
