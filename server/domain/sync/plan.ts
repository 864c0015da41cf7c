import { createHash } from "node:crypto";
import { statementIssues } from "../rating-input/statement-checks";
import type { SyncConfig } from "./config";
import type { CustomerGroup, CustomerInfoRow, ReportDataRow, ReportRecordRow, SyncIssue } from "./interfaces";
import { isAccessTime, isDate, isRecordMonth, normalizeAccessTime } from "./watermark";

/** What the target database knows, for validation (loaded once per run). */
export interface PlanContext {
  config: SyncConfig;
  configHash: string;
  institutions: Map<string, { id: number; regionCode: string }>;
  industries: Set<string>;
  natures: Set<string>;
  users: Map<string, string>;
}

export interface MappedCustomer {
  sourceId: string;
  code: string;
  name: string;
  type: "corporate" | "sme" | "public_institution" | "individual";
  natureCode: string | null;
  industryCode: string | null;
  institutionId: number;
  regionCode: string;
  managerUserId: string | null;
  groupFlag: boolean;
  recordMonth: string;
}

/** `upsert`: write it; `withdraw`: DELFLG=1; `keep`: a bad row was in it, leave what we have untouched. */
export type UnitAction = "upsert" | "withdraw" | "keep";

export interface StatementPlan {
  period: string;
  form: "BS" | "IS" | "CF";
  action: UnitAction;
  items: Record<string, number>;
  scores: Record<string, number> | null;
  recordDate: string | null;
  note: string | null;
  accessTime: string | null;
  checkStatus: "ok" | "failed";
  checkMessages: string[] | null;
  checksum: string;
}

export interface AnswersPlan {
  period: string;
  action: UnitAction;
  answers: Record<string, string>;
}

export interface CustomerPlan {
  custId: string;
  /** null: the customer information was rejected and nothing of this customer is written */
  customer: MappedCustomer | null;
  statements: StatementPlan[];
  answers: AnswersPlan[];
  issues: SyncIssue[];
  rowsRead: number;
  rowsRejected: number;
  /** content checksum over the source rows and the mapping; suffixed `~partial` when some rows were rejected */
  checksum: string;
  /** latest ACCESSTIME among the customer's records */
  maxAccessTime: string | null;
}

const MAX_NUMBER = 1e15;
const NUMBER_RE = /^[+-]?\d{1,16}(\.\d{1,6})?$/;

function mapCode(m: { map: Record<string, string>; passThrough: boolean }, code: string, known: { has(c: string): boolean }): string | null {
  const mapped = Object.hasOwn(m.map, code) ? m.map[code] : m.passThrough ? code : null;
  return mapped !== null && known.has(mapped) ? mapped : null;
}

const t = (v: string | null | undefined) => (v ?? "").trim();

/** SHA-1 over the customer's source rows in a canonical order and the mapping's hash. */
export function groupChecksum(g: CustomerGroup, configHash: string): string {
  // one update of the whole text (the same bytes as one update per line, so the same digest; 3x faster)
  let text = configHash;
  for (const part of [rowLines(g.infos), rowLines(g.records), rowLines(g.data)]) {
    text += "\u001d";
    for (const l of part) text += l + "\u001e";
  }
  return createHash("sha1").update(text).digest("hex");
}

/** Each row's values (null as NUL) joined by the unit separator, sorted. */
function rowLines(rows: Record<string, string | null>[]): string[] {
  const out = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const vals = Object.values(rows[i]);
    for (let j = 0; j < vals.length; j++) if (vals[j] === null) vals[j] = "\u0000";
    out[i] = vals.join("\u001f");
  }
  return out.sort();
}

function validateInfo(row: CustomerInfoRow, ctx: PlanContext, issues: SyncIssue[]): MappedCustomer | null {
  const key = t(row.CUSTID);
  const bad = (field: string, reason: string, value: string | null) => {
    issues.push({ interface: "customerInfo", key, field, reason, value });
  };
  const before = issues.length;
  const month = t(row.RECORDMONTH);
  if (!isRecordMonth(month)) bad("RECORDMONTH", "sync.err.month", row.RECORDMONTH);
  const type = ctx.config.customerTypes[t(row.CTYPE)];
  if (!type) bad("CTYPE", "sync.err.customerType", row.CTYPE);
  const code = t(row.CUSTCODE);
  if (!code) bad("CUSTCODE", "sync.err.required", row.CUSTCODE);
  else if (code.length > 40 || /[\u0000-\u001f]/.test(code)) bad("CUSTCODE", "sync.err.code", row.CUSTCODE);
  const name = t(row.CUSTNAME);
  if (!name) bad("CUSTNAME", "sync.err.required", row.CUSTNAME);
  else if (name.length > 200 || /[\u0000-\u001f]/.test(name)) bad("CUSTNAME", "sync.err.name", row.CUSTNAME);
  const orgCode = t(row.ORGCODE);
  const instCode = Object.hasOwn(ctx.config.institutions.map, orgCode) ? ctx.config.institutions.map[orgCode] : ctx.config.institutions.passThrough ? orgCode : null;
  const inst = instCode ? ctx.institutions.get(instCode) : undefined;
  if (!inst) bad("ORGCODE", "sync.err.institution", row.ORGCODE);
  let industryCode: string | null = null;
  const trade = t(row.TRADENO);
  if (trade) {
    industryCode = mapCode(ctx.config.industries, trade, ctx.industries);
    if (!industryCode) bad("TRADENO", "sync.err.industry", row.TRADENO);
  } else if (type && type !== "individual") bad("TRADENO", "sync.err.required", row.TRADENO);
  let natureCode: string | null = null;
  const nature = t(row.EMPTYPE);
  if (nature) {
    natureCode = mapCode(ctx.config.natures, nature, ctx.natures);
    if (!natureCode) bad("EMPTYPE", "sync.err.nature", row.EMPTYPE);
  }
  const group = t(row.GROUPFLG);
  if (group && !/^[01YN]$/i.test(group)) bad("GROUPFLG", "sync.err.flag", row.GROUPFLG);
  if (issues.length > before) return null;
  const uname = t(row.UNAME);
  return {
    sourceId: key,
    code,
    name,
    type: type!,
    natureCode,
    industryCode,
    institutionId: inst!.id,
    regionCode: inst!.regionCode,
    managerUserId: uname ? (ctx.users.get(uname) ?? null) : null,
    groupFlag: ctx.config.groupFlagTrue.includes(group.toUpperCase()),
    recordMonth: month,
  };
}

/** A bad report-data row: reported under its full key, and its statement is left as it was (`keep`). */
function badDataRow(issues: SyncIssue[], unit: { bad: boolean }, statementKey: string, itemCode: string, field: string, reason: string, value: string | null) {
  issues.push({ interface: "reportData", key: `${statementKey}/${itemCode}`, field, reason, value });
  unit.bad = true;
}

/**
 * Validates and maps everything the source holds for one customer. The customer is the unit: a rejected
 * information row rejects the customer; a rejected record or data row rejects that one statement (left as it
 * was in our database, `keep`), and the rest of the customer goes on.
 */
export function planCustomer(g: CustomerGroup, ctx: PlanContext): CustomerPlan {
  const issues: SyncIssue[] = [];
  const custId = g.custId;
  const rowsRead = g.infos.length + g.records.length + g.data.length;
  let maxAccessTime: string | null = null;
  for (const r of g.records) {
    const at = t(r.ACCESSTIME);
    if (isAccessTime(at)) {
      const n = normalizeAccessTime(at);
      if (!maxAccessTime || n > maxAccessTime) maxAccessTime = n;
    }
  }
  const checksumBase = groupChecksum(g, ctx.configHash);
  const reject = (all: boolean): CustomerPlan => ({ custId, customer: null, statements: [], answers: [], issues, rowsRead, rowsRejected: all ? rowsRead : 0, checksum: checksumBase, maxAccessTime });

  if (!/^\d{1,18}$/.test(custId)) {
    issues.push({ interface: g.infos.length ? "customerInfo" : g.records.length ? "reportRecord" : "reportData", key: custId, field: "CUSTID", reason: "sync.err.custId", value: custId });
    return reject(true);
  }
  if (!g.infos.length) {
    issues.push({ interface: g.records.length ? "reportRecord" : "reportData", key: custId, field: "CUSTID", reason: "sync.err.unknownCustomer", value: custId });
    return reject(true);
  }
  // the latest monthly snapshot of the customer information wins; older months are history
  let info = g.infos[0];
  for (const r of g.infos) if (t(r.RECORDMONTH) >= t(info.RECORDMONTH)) info = r;
  const customer = validateInfo(info, ctx, issues);
  if (!customer) return reject(true);

  // records by statement key; data rows attach to their record
  type Unit = { period: string; formCode: string; record: ReportRecordRow | null; data: ReportDataRow[]; bad: boolean; rows: number };
  const units = new Map<string, Unit>();
  const unitFor = (period: string, formCode: string) => {
    const k = `${period}/${formCode}`;
    let u = units.get(k);
    if (!u) units.set(k, (u = { period, formCode, record: null, data: [], bad: false, rows: 0 }));
    return u;
  };
  for (const r of g.records) {
    const period = t(r.RECORDMONTH);
    const formCode = t(r.FORMCODE);
    const key = `${custId}/${period}/${formCode}`;
    const u = unitFor(period, formCode);
    u.rows++;
    const bad = (field: string, reason: string, value: string | null) => {
      issues.push({ interface: "reportRecord", key, field, reason, value });
      u.bad = true;
    };
    if (u.record) {
      bad("FORMCODE", "sync.err.duplicate", r.FORMCODE);
      continue;
    }
    u.record = r;
    if (!isRecordMonth(period)) bad("RECORDMONTH", "sync.err.month", r.RECORDMONTH);
    if (!Object.hasOwn(ctx.config.forms, formCode)) bad("FORMCODE", "sync.err.form", r.FORMCODE);
    const rd = t(r.RECORDDATE);
    if (rd && !isDate(rd)) bad("RECORDDATE", "sync.err.date", r.RECORDDATE);
    const del = t(r.DELFLG);
    if (del && del !== "0" && del !== "1") bad("DELFLG", "sync.err.flag", r.DELFLG);
    const at = t(r.ACCESSTIME);
    if (!isAccessTime(at)) bad("ACCESSTIME", "sync.err.accessTime", r.ACCESSTIME);
    if ((r.NOTE ?? "").length > 2000) bad("NOTE", "sync.err.tooLong", null);
  }
  // data rows arrive grouped by month and form (the source's order): look the unit up only when the key changes
  let last: Unit | null = null;
  for (const d of g.data) {
    const period = t(d.RECORDMONTH);
    const formCode = t(d.FORMCODE);
    const u = last && last.period === period && last.formCode === formCode ? last : (last = unitFor(period, formCode));
    u.rows++;
    u.data.push(d);
  }

  const statements: StatementPlan[] = [];
  const answers: AnswersPlan[] = [];
  let rowsRejected = 0;
  for (const u of units.values()) {
    const form = ctx.config.forms[u.formCode];
    const key = `${custId}/${u.period}/${u.formCode}`;
    if (!u.record) {
      issues.push({ interface: "reportData", key, field: "FORMCODE", reason: "sync.err.noRecord", value: u.formCode });
      rowsRejected += u.rows;
      continue; // nothing to attach to: no statement of ours is keyed by it either
    }
    const items: Record<string, number> = {};
    const scores: Record<string, number> = {};
    const texts: Record<string, string> = {};
    if (form && !u.bad) {
      for (const d of u.data) {
        const itemCode = t(d.ITEMCODE);
        // no closure or key string per row: both are made only for a bad one (a million rows per 10,000 customers)
        const target = Object.hasOwn(form.items, itemCode) ? form.items[itemCode] : undefined;
        if (target === undefined) {
          if (form.unmappedItem === "reject") badDataRow(issues, u, key, itemCode, "ITEMCODE", "sync.err.item", d.ITEMCODE);
          continue;
        }
        const score = t(d.SCORE);
        const scoreOk = !score || NUMBER_RE.test(score);
        if (!scoreOk) badDataRow(issues, u, key, itemCode, "SCORE", "sync.err.number", d.SCORE);
        if (typeof target === "string") {
          if (Object.hasOwn(items, target)) { badDataRow(issues, u, key, itemCode, "ITEMCODE", "sync.err.duplicate", d.ITEMCODE); continue; }
          const v = t(d.VALUE);
          if (!NUMBER_RE.test(v) || Math.abs(Number(v)) >= MAX_NUMBER) { badDataRow(issues, u, key, itemCode, "VALUE", v ? "sync.err.number" : "sync.err.required", d.VALUE); continue; }
          items[target] = Number(v);
          if (score && scoreOk) scores[target] = Number(score);
        } else {
          if (Object.hasOwn(texts, target.indicator)) { badDataRow(issues, u, key, itemCode, "ITEMCODE", "sync.err.duplicate", d.ITEMCODE); continue; }
          const q = t(d.QVALUE);
          if (!q) { badDataRow(issues, u, key, itemCode, "QVALUE", "sync.err.required", d.QVALUE); continue; }
          if (q.length > 200) { badDataRow(issues, u, key, itemCode, "QVALUE", "sync.err.tooLong", null); continue; }
          texts[target.indicator] = q;
        }
      }
    }
    if (!form) { rowsRejected += u.rows; continue; }
    const withdrawn = t(u.record.DELFLG) === "1";
    const action: UnitAction = u.bad ? "keep" : withdrawn ? "withdraw" : "upsert";
    if (u.bad) rowsRejected += u.rows;
    if (form.form === "QL") {
      answers.push({ period: u.period, action, answers: texts });
      continue;
    }
    const checks = form.form === "BS" || form.form === "IS" ? statementIssues(items, form.form) : [];
    const recordDate = t(u.record.RECORDDATE) || null;
    const note = u.record.NOTE === null || u.record.NOTE === "" ? null : u.record.NOTE;
    const accessTime = isAccessTime(t(u.record.ACCESSTIME)) ? normalizeAccessTime(t(u.record.ACCESSTIME)) : null;
    const scoreMap = Object.keys(scores).length ? scores : null;
    const checksum = createHash("sha1").update(JSON.stringify([items, scoreMap, recordDate, note, accessTime])).digest("hex");
    statements.push({
      period: u.period,
      form: form.form,
      action,
      items,
      scores: scoreMap,
      recordDate,
      note,
      accessTime,
      checkStatus: checks.length ? "failed" : "ok",
      checkMessages: checks.length ? checks.map((c) => `${c.path}:${c.message}`) : null,
      checksum,
    });
  }
  const partial = rowsRejected > 0 || issues.length > 0;
  return { custId, customer, statements, answers, issues, rowsRead, rowsRejected, checksum: partial ? `${checksumBase}~partial` : checksumBase, maxAccessTime };
}

/** The rows of ours a customer's plan stands for: the customer, its statements to write, its answers. */
export function ourRowCount(p: CustomerPlan): number {
  let n = 1;
  for (const s of p.statements) if (s.action === "upsert") n++;
  for (const a of p.answers) n += Object.keys(a.answers).length;
  return n;
}
