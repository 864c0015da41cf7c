import "server-only";
import { randomUUID } from "node:crypto";
import type { CustomerPlan, SyncIssue } from "@/server/domain/sync";
import { copyLine as line, textArrayLiteral, type RawTx } from "./raw-db";

/**
 * The first-load path of a sync batch: every customer in it is new to us (none is stored under its CUSTID, the
 * caller checked), so there is nothing to compare, withdraw or remove. The rows are COPYed straight into
 * customers, financial_statements and qualitative_answers, with ids made here, instead of staging them in temp
 * tables and merging with ON CONFLICT (measured at 10,000 customers: the merge path spent about 60% of the
 * database's time on staging, temp-table DDL, ANALYZE and the upserts).
 *
 * A CUSTCODE that another customer already holds is refused and reported as in the merge path. A row that still
 * collides (another writer inserted that code or CUSTID after the checks) aborts the COPY with a unique violation,
 * and the caller redoes the batch through the merge path in a new transaction.
 */
export interface NewCustomersResult {
  inserted: { customers: number; statements: number; answers: number };
  /** source rows of the customers refused here (their code is taken) */
  rejectedRows: number;
}

/** `stored(custId)`: the raw hash and row count to keep with the customer (null for one read with issues) */
export async function copyNewCustomers(
  tx: RawTx,
  staged: CustomerPlan[],
  issues: SyncIssue[],
  stored: (custId: string) => { hash: string; rows: number } | null,
): Promise<NewCustomersResult> {
  const taken = await tx.query<{ code: string }>(`select code from customers where code = any($1::text[])`, [textArrayLiteral(staged.map((p) => p.customer!.code))]);
  const takenCodes = new Set(taken.map((r) => r.code));
  let rejectedRows = 0;
  let customers = "";
  let statements = "";
  let answers = "";
  const inserted = { customers: 0, statements: 0, answers: 0 };
  for (const p of staged) {
    const c = p.customer!;
    if (takenCodes.has(c.code)) {
      issues.push({ interface: "customerInfo", key: p.custId, field: "CUSTCODE", reason: "sync.err.codeTaken", value: c.code });
      rejectedRows += p.rowsRead - p.rowsRejected;
      continue;
    }
    const id = randomUUID();
    const keep = stored(p.custId);
    customers += line([id, c.code, c.name, c.type, c.natureCode, c.industryCode, c.regionCode, c.institutionId, c.managerUserId, c.groupFlag, "cms", c.sourceId, p.checksum, c.recordMonth, keep?.hash, keep?.rows]);
    inserted.customers++;
    for (const s of p.statements) {
      // a withdrawn or kept statement of a customer we never stored: nothing to write
      if (s.action !== "upsert") continue;
      statements += line([id, s.period, s.form, JSON.stringify(s.items), s.scores ? JSON.stringify(s.scores) : null, s.recordDate, s.note, s.checkStatus,
        s.checkMessages ? JSON.stringify(s.checkMessages) : null, "cms", s.checksum, s.accessTime ? `${s.accessTime}+00` : null]);
      inserted.statements++;
    }
    for (const a of p.answers) {
      if (a.action !== "upsert") continue;
      for (const [k, v] of Object.entries(a.answers)) {
        answers += line([id, a.period, k, v, "cms"]);
        inserted.answers++;
      }
    }
  }
  await tx.copyIn("customers", ["id", "code", "name", "type", "nature_code", "industry_code", "region_code", "institution_id", "manager_user_id", "group_flag", "source", "source_id", "source_checksum", "source_record_month", "source_raw_hash", "source_row_count"], customers);
  await tx.copyIn("financial_statements", ["customer_id", "period", "form_code", "items", "scores", "record_date", "note", "check_status", "check_messages", "source", "source_checksum", "source_access_time"], statements);
  await tx.copyIn("qualitative_answers", ["customer_id", "period", "indicator_key", "answer", "source"], answers);
  return { inserted, rejectedRows };
}
