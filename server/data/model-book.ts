import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rowsOf } from "@/db/rows";
import type { CustomerType, RatingInput } from "@/server/domain/scoring";

/**
 * "The book" of a model: every live customer of its customer types, with the inputs of that customer's most
 * recent engine run. Impact previews and batch re-ratings score these inputs under another version.
 * Read in pages by customer id (keyset), so a batch never holds the whole book and can resume after a crash.
 */
export interface BookEntry {
  customerId: string;
  resultId: number;
  /** The result holding the snapshot of those inputs: the run itself, or the one a batch result re-scored. */
  inputsResultId: number;
  /** Grade of that latest run, to count how many customers a re-scoring moves. */
  grade: string;
  inputs: RatingInput;
}

const typeList = (types: readonly CustomerType[]) => sql.join(types.map((t) => sql`${t}`), sql`, `);

export async function countBook(db: Queryable, types: readonly CustomerType[]): Promise<number> {
  const rows = rowsOf<{ n: number }>(await db.execute(sql`
    select count(distinct r.customer_id)::int as n
      from rating_results r join customers c on c.id = r.customer_id
     where c.type in (${typeList(types)}) and c.deleted_at is null`));
  return Number(rows[0]?.n ?? 0);
}

export interface BookPage {
  entries: BookEntry[];
  /** Last customer looked at (with or without a result): the cursor for the next page; null at the end. */
  lastCustomerId: string | null;
}

/**
 * The next `limit` customers after `afterCustomerId` (primary-key order) and each one's latest run, found by one
 * probe of (customer_id, id desc): the cost of a page does not grow with the size of the book or of a customer's
 * history. A batch result's inputs are those of the result it names.
 */
export async function readBookPage(db: Queryable, types: readonly CustomerType[], afterCustomerId: string | null, limit: number): Promise<BookPage> {
  const after = afterCustomerId ?? "00000000-0000-0000-0000-000000000000";
  const rows = rowsOf<{ customer_id: string; id: number | string | null; inputs_result_id: number | string | null; inputs_snapshot: RatingInput | null; grade: string | null }>(await db.execute(sql`
    select c.id as customer_id, r.id, r.grade, coalesce(r.inputs_result_id, r.id) as inputs_result_id, coalesce(r.inputs_snapshot, (select s.inputs_snapshot from rating_results s where s.id = r.inputs_result_id)) as inputs_snapshot
      from (select id from customers
             where type in (${typeList(types)}) and deleted_at is null and id > ${after}::uuid
             order by id limit ${limit}) c
      left join lateral (select id, grade, inputs_snapshot, inputs_result_id from rating_results where customer_id = c.id order by id desc limit 1) r on true
     order by c.id`));
  return {
    entries: rows
      .filter((r) => r.id !== null)
      .map((r) => ({ customerId: r.customer_id, resultId: Number(r.id), inputsResultId: Number(r.inputs_result_id), grade: r.grade!, inputs: r.inputs_snapshot! })),
    lastCustomerId: rows.length ? rows[rows.length - 1].customer_id : null,
  };
}
