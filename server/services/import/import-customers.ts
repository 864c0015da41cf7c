import "server-only";
import { getDb, type Queryable } from "@/db/client";
import type { CurrentUser } from "@/server/auth/session";
import { appendAudit } from "@/server/data/audit";
import { activeCodes, customerIdsByCode, existingCustomers, institutionsInScope, tryImportLock, upsertCustomers, upsertStatements } from "@/server/data/import";
import { DomainError } from "@/server/domain/errors";
import { validateImport, type ImportContext, type SheetRow, type ValidationResult } from "@/server/domain/import/validate";
import type { Locale } from "@/components/i18n/translate";
import { buildTemplate, loadWorkbook, markWorkbook, readUpload } from "./workbook";

export interface ImportActor {
  actor: CurrentUser;
  ip: string | null;
  now?: Date;
}

function scopePath(actor: CurrentUser): string {
  if (actor.isApplicant || !actor.institutionPath) throw new DomainError("FORBIDDEN");
  return actor.institutionPath;
}

async function loadContext(db: Queryable, actor: CurrentUser, codes: string[], now: Date): Promise<ImportContext> {
  const path = scopePath(actor);
  const [insts, industries, regions, natures, existing] = await Promise.all([
    institutionsInScope(db, path), activeCodes(db, "industry"), activeCodes(db, "region"), activeCodes(db, "customer_nature"), existingCustomers(db, codes, path),
  ]);
  return {
    institutionsInScope: new Map(insts.map((i) => [i.code, i.id])),
    industries: new Set(industries.map((c) => c.code)),
    regions: new Set(regions.map((c) => c.code)),
    natures: new Set(natures.map((c) => c.code)),
    existing,
    today: now,
  };
}

function codesOf(rows: { customers: SheetRow[]; statements: SheetRow[] }): string[] {
  const out = new Set<string>();
  for (const r of rows.customers) if (typeof r.cells.code === "string") out.add(r.cells.code.trim());
  for (const r of rows.statements) if (typeof r.cells.customerCode === "string") out.add(r.cells.customerCode.trim());
  return [...out];
}

export async function downloadTemplate(actor: CurrentUser, locale: Locale): Promise<Buffer> {
  const db = getDb();
  const path = scopePath(actor);
  const name = (x: { nameZh: string; nameEn: string }) => (locale === "zh" ? x.nameZh : x.nameEn);
  const [insts, industries, regions, natures] = await Promise.all([institutionsInScope(db, path), activeCodes(db, "industry"), activeCodes(db, "region"), activeCodes(db, "customer_nature")]);
  return buildTemplate(
    {
      institutions: insts.map((x) => ({ code: x.code, name: name(x) })),
      industries: industries.map((x) => ({ code: x.code, name: name(x) })),
      regions: regions.map((x) => ({ code: x.code, name: name(x) })),
      natures: natures.map((x) => ({ code: x.code, name: name(x) })),
    },
    locale,
  );
}

export interface CheckSummary {
  customers: number;
  valid: number;
  invalid: number;
  statements: number;
  errors: ValidationResult["errors"];
}

function summarise(v: ValidationResult): CheckSummary {
  return { customers: v.customers.length, valid: v.validCount, invalid: v.invalidCount, statements: v.customers.reduce((s, c) => s + c.statements.length, 0), errors: v.errors };
}

/** Validates an upload and writes nothing. */
export async function checkImport(actor: CurrentUser, bytes: Buffer, now = new Date()): Promise<CheckSummary> {
  const rows = readUpload(await loadWorkbook(bytes));
  return summarise(validateImport(rows.customers, rows.statements, await loadContext(getDb(), actor, codesOf(rows), now)));
}

/** The upload with its errors marked, for the user to fix and upload again. */
export async function markedWorkbook(actor: CurrentUser, bytes: Buffer, locale: Locale, now = new Date()): Promise<Buffer> {
  const wb = await loadWorkbook(bytes);
  const rows = readUpload(wb);
  const result = validateImport(rows.customers, rows.statements, await loadContext(getDb(), actor, codesOf(rows), now));
  return markWorkbook(wb, result.errors, locale);
}

export type ImportMode = "all" | "validOnly";

export interface ImportOutcome extends CheckSummary {
  imported: boolean;
  inserted: number;
  updated: number;
  skipped: number;
  statementRows: number;
}

/**
 * Imports an upload in one transaction. The file is validated again inside the transaction (never trusting an
 * earlier check, and seeing customers another import may have just written). Mode `all`: any error and nothing
 * is written. Mode `validOnly`: the user chose explicitly to import the valid customers; a customer with any
 * error is skipped whole.
 */
export async function importCustomers(ctx: ImportActor, bytes: Buffer, mode: ImportMode): Promise<ImportOutcome> {
  const now = ctx.now ?? new Date();
  const rows = readUpload(await loadWorkbook(bytes));
  return getDb().transaction(async (tx) => {
    if (!(await tryImportLock(tx))) throw new DomainError("BUSY");
    const result = validateImport(rows.customers, rows.statements, await loadContext(tx, ctx.actor, codesOf(rows), now));
    const summary = summarise(result);
    const chosen = result.customers.filter((c) => c.valid);
    if ((mode === "all" && result.errors.length > 0) || chosen.length === 0) {
      return { ...summary, imported: false, inserted: 0, updated: 0, skipped: result.customers.length, statementRows: 0 };
    }
    const records = chosen.flatMap((c) => (c.record ? [c.record] : []));
    const up = await upsertCustomers(tx, records, now);
    const statementOnly = chosen.filter((c) => !c.record).map((c) => c.code);
    const ids = new Map([...up.ids, ...(await customerIdsByCode(tx, statementOnly))]);
    const statementRows = await upsertStatements(tx, ids, chosen.flatMap((c) => c.statements), now);
    const outcome = { ...summary, imported: true, inserted: up.inserted, updated: up.updated, skipped: result.customers.length - chosen.length, statementRows };
    await appendAudit(
      tx,
      {
        userId: ctx.actor.id, username: ctx.actor.username, role: ctx.actor.role, institutionId: ctx.actor.institutionId, ip: ctx.ip,
        action: "customer.import", entityType: "customer", entityId: null,
        after: { mode, customers: chosen.map((c) => c.code).slice(0, 200), inserted: up.inserted, updated: up.updated, skipped: outcome.skipped, statementRows, errors: result.errors.length },
      },
      now,
    );
    return outcome;
  });
}
