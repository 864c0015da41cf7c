import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { chainPage, countAudit, latestAuditRow } from "@/server/data/audit-log";
import { ChainVerifier, type ChainAnchor, type ChainVerdict } from "@/server/domain/audit/hash-chain";
import { auditBy, type AdminContext } from "./admin-context";

export const VERIFY_PAGE_SIZE = 2_000;

export type VerifyEvent = { type: "progress"; checked: number; total: number } | { type: "result"; verdict: ChainVerdict; upToId: number; checkedAt: string };

/**
 * Verifies the whole audit chain up to the latest row at the start, in pages of rows (constant memory),
 * yielding progress after each page and the verdict at the end. With an anchor (a hash exported earlier)
 * it also proves that the chain was not rewritten or cut back since that export. The verification is
 * audited with its outcome.
 */
export async function* verifyAuditChain(ctx: AdminContext | null, opts: { anchor?: ChainAnchor; pageSize?: number } = {}): AsyncGenerator<VerifyEvent> {
  const db = getDb();
  const pageSize = opts.pageSize ?? VERIFY_PAGE_SIZE;
  const upTo = (await latestAuditRow(db))?.id ?? 0;
  const total = await countAudit(db, {}, upTo);
  const verifier = new ChainVerifier(opts.anchor);
  let after = 0;
  yield { type: "progress", checked: 0, total };
  for (;;) {
    const page = await chainPage(db, after, upTo, pageSize);
    if (page.length === 0) break;
    const ok = verifier.push(page);
    after = page[page.length - 1].id;
    yield { type: "progress", checked: verifier.rowsChecked, total };
    if (!ok) break;
  }
  const verdict = verifier.finish();
  const checkedAt = (ctx?.now ?? new Date()).toISOString();
  if (ctx) {
    await db.transaction((tx) =>
      appendAudit(tx, auditBy(ctx, { action: "admin.audit.verify", entityType: "audit_log", entityId: null, after: { ...verdict, upToId: upTo, anchor: opts.anchor ?? null } }), ctx.now),
    );
  }
  yield { type: "result", verdict, upToId: upTo, checkedAt };
}

/** Runs the verification to its end (tests, scripts). */
export async function verifyAuditChainNow(ctx: AdminContext | null, opts: { anchor?: ChainAnchor; pageSize?: number } = {}) {
  let last: VerifyEvent | undefined;
  for await (const e of verifyAuditChain(ctx, opts)) last = e;
  if (!last || last.type !== "result") throw new Error("verification ended without a result");
  return last;
}
