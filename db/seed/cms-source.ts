import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import type { Writable } from "node:stream";
import postgres from "postgres";
import { CUSTOMER_INFO_COLUMNS, REPORT_DATA_COLUMNS, REPORT_RECORD_COLUMNS, type CustomerGroup } from "../../server/domain/sync/interfaces";
import { DEMO_SYNC_CONFIG } from "../../server/domain/sync/config";
import { generateStatements, STATEMENT_PERIODS } from "./statements";
import { clamp, rngFor } from "./prng";

/**
 * A realistic customer-management system (客户管理系统) for the demo, the tests and the benchmarks: N
 * customers in the CMS's own codes (see DEMO_SYNC_CONFIG), three annual periods of balance sheet, income
 * statement and cash flow (~33 line items, balanced to the cent: the seed's statement generator, which varies by
 * industry, size and a latent credit quality) plus four qualitative answers, so ratings spread over the grades.
 * Deterministic: the same N and seed give the same source.
 */
export interface GenerateOptions {
  customers: number;
  seed?: string;
  /** first CUSTID */
  firstId?: number;
}

const ORGS = ["1101", "1102", "1100", "3101", "3102", "3100", "4401", "4402", "4400", "5101", "5102", "5100"];
const RATER: Record<string, string> = { "1100": "bj.rater", "1101": "bj01.rater", "1102": "bj02.rater", "3100": "sh.rater", "3101": "sh01.rater", "3102": "sh02.rater", "4400": "gd.rater", "4401": "gd01.rater", "4402": "gd02.rater", "5100": "sc.rater", "5101": "sc01.rater", "5102": "sc02.rater" };
const TRADES = ["C13", "C26", "C27", "C36", "C39", "D44", "E47", "E48", "F51", "F52", "G54", "G59", "I63", "I64", "I65", "K70", "A", "B", "H", "L", "M", "R"];
const PUBLIC_TRADES = ["P", "Q", "R", "N"];
const CORP_NATURES = ["110", "160", "170", "300", "200", "120", "900"];
const NAME_PARTS = ["华信", "宏达", "盛世", "恒通", "瑞丰", "金桥", "国泰", "长城", "远航", "东方", "新元", "百川", "中联", "天成", "嘉禾", "同创"];
const SUFFIX: Record<string, string> = { "01": "集团有限公司", "02": "商贸有限公司", "03": "中心", "04": "" };
const QL_ITEMS = ["DX01", "DX02", "DX03", "DX04"];
/** our item -> CMS item, per CMS form (the inverse of the demo mapping) */
const TO_CMS: Record<string, { form: string; item: string }> = {};
for (const [form, def] of Object.entries(DEMO_SYNC_CONFIG.forms)) for (const [item, target] of Object.entries(def.items)) if (typeof target === "string") TO_CMS[target] = { form, item };
const CMS_FORM = { BS: "ZCFZB", IS: "LRB", CF: "XJLLB" } as const;

const yuan = (cents: number) => (cents / 100).toFixed(2);

export function* generateCmsSource(opts: GenerateOptions): Generator<CustomerGroup> {
  const seed = opts.seed ?? "cms";
  const first = opts.firstId ?? 100_001;
  for (let k = 0; k < opts.customers; k++) {
    const custId = String(first + k);
    const rng = rngFor(`${seed}:cust:${custId}`);
    const roll = rng.float();
    const ctype = roll < 0.45 ? "01" : roll < 0.8 ? "02" : roll < 0.96 ? "03" : "04";
    const org = ORGS[rng.int(0, ORGS.length - 1)];
    const trade = ctype === "03" ? PUBLIC_TRADES[rng.int(0, PUBLIC_TRADES.length - 1)] : ctype === "04" ? null : TRADES[rng.int(0, TRADES.length - 1)];
    const nature = ctype === "03" ? "910" : ctype === "04" ? "950" : CORP_NATURES[rng.int(0, CORP_NATURES.length - 1)];
    const name = ctype === "04" ? `个人客户${custId}` : `${NAME_PARTS[rng.int(0, 15)]}${NAME_PARTS[rng.int(0, 15)]}${custId.slice(-4)}${SUFFIX[ctype]}`;
    const infos = [{
      CUSTID: custId, RECORDMONTH: "2026-01", CTYPE: ctype, GCCSREADFLG: "1", DTPREADFLG: "1", CUSTCODE: `CMS${custId}`, CUSTNAME: name,
      EMPTYPE: nature, UNAME: RATER[org], ORGCODE: org, TRADENO: trade, GROUPFLG: ctype === "01" && rng.chance(0.15) ? "Y" : "N",
    }];
    const records: CustomerGroup["records"] = [];
    const data: CustomerGroup["data"] = [];
    if (ctype !== "04") {
      const quality = clamp(rng.float() * 0.98 + 0.01, 0, 0.999);
      const revenue = ctype === "01" ? 2e8 * Math.exp(rng.float() * 4) : ctype === "02" ? 5e6 * Math.exp(rng.float() * 3.5) : 5e7 * Math.exp(rng.float() * 3);
      const industryCode = trade ? (DEMO_SYNC_CONFIG.industries.map[trade] ?? trade) : "O";
      const type = ctype === "01" ? "corporate" : ctype === "02" ? "sme" : "public_institution";
      const statements = generateStatements({ code: `CMS${custId}`, type, industryCode, revenue, quality });
      for (const period of STATEMENT_PERIODS) {
        const year = Number(period.slice(0, 4));
        const access = `${year + 1}-0${1 + rng.int(0, 3)}-${String(1 + rng.int(0, 27)).padStart(2, "0")} ${String(rng.int(8, 18)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00`;
        const byForm = Object.fromEntries(statements.filter((s) => s.period === period).map((s) => [s.formCode, s.cents]));
        const bs = byForm.BS;
        const is = byForm.IS;
        const cf = byForm.CF;
        // detail lines the CMS also delivers, consistent with the totals
        const paidIn = Math.round(Math.max(bs.BS014, 0) * 0.4);
        const extra = {
          BS: { BS101: bs.BS004 - bs.BS001 - bs.BS002 - bs.BS003, BS102: bs.BS007 - bs.BS004 - bs.BS005 - bs.BS006, BS103: bs.BS010 - bs.BS008 - bs.BS009, BS104: bs.BS013 - bs.BS010 - bs.BS011 - bs.BS012, BS105: paidIn, BS106: bs.BS014 - paidIn },
          IS: { IS101: is.IS001 - is.IS002 - is.IS003 - is.IS004, IS102: is.IS005 - is.IS006 },
          CF: { CF101: cf.CF001 + cf.CF002 + cf.CF003, CF102: bs.BS001 },
        };
        for (const form of ["BS", "IS", "CF"] as const) {
          const cmsForm = CMS_FORM[form];
          records.push({ FORMCODE: cmsForm, CUSTID: custId, RECORDMONTH: period, RECORDDATE: `${year + 1}-0${1 + (k % 4)}-15`, NOTE: null, DELFLG: "0", ACCESSTIME: access });
          const items = { ...byForm[form], ...extra[form] };
          const rows = Object.entries(items).map(([code, cents]) => ({ ITEMCODE: TO_CMS[code].item, FORMCODE: cmsForm, CUSTID: custId, RECORDMONTH: period, VALUE: yuan(cents), QVALUE: null, SCORE: null }));
          rows.sort((a, b) => (a.ITEMCODE < b.ITEMCODE ? -1 : 1));
          data.push(...rows);
        }
        if (ctype === "01" || ctype === "03") {
          records.push({ FORMCODE: "DXZB", CUSTID: custId, RECORDMONTH: period, RECORDDATE: `${year + 1}-0${1 + (k % 4)}-15`, NOTE: null, DELFLG: "0", ACCESSTIME: access });
          for (const item of QL_ITEMS) {
            const pos = clamp(1 - quality + (rng.float() - 0.5) * 0.35, 0, 0.9999);
            data.push({ ITEMCODE: item, FORMCODE: "DXZB", CUSTID: custId, RECORDMONTH: period, VALUE: null, QVALUE: "ABCD"[Math.floor(pos * 4)], SCORE: null });
          }
        }
      }
      // the source's own sort order: by CUSTID, RECORDMONTH, FORMCODE (, ITEMCODE)
      records.sort((a, b) => (a.RECORDMONTH! + a.FORMCODE! < b.RECORDMONTH! + b.FORMCODE! ? -1 : 1));
      data.sort((a, b) => { const x = `${a.RECORDMONTH}/${a.FORMCODE}/${a.ITEMCODE}`, y = `${b.RECORDMONTH}/${b.FORMCODE}/${b.ITEMCODE}`; return x < y ? -1 : x > y ? 1 : 0; });
    }
    yield { custId, infos, records, data };
  }
}

// ------------------------------------------------------------------------------------------------ writers

const csvField = (v: string | null) => (v === null ? "" : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const copyField = (v: string | null) => (v === null ? "\\N" : v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r"));

async function write(w: Writable, text: string) {
  if (!w.write(text)) await once(w, "drain");
}

type Groups = Iterable<CustomerGroup> | AsyncIterable<CustomerGroup>;

async function pump(groups: Groups, outs: [Writable, Writable, Writable], line: (cols: readonly string[], r: Record<string, string | null>) => string) {
  const bufs = ["", "", ""];
  const flush = async (force: boolean) => {
    for (let i = 0; i < 3; i++) if (bufs[i].length > (force ? 0 : 1 << 16)) { await write(outs[i], bufs[i]); bufs[i] = ""; }
  };
  let counts = { customers: 0, records: 0, data: 0 };
  for await (const g of groups) {
    for (const r of g.infos) bufs[0] += line(CUSTOMER_INFO_COLUMNS, r);
    for (const r of g.records) bufs[1] += line(REPORT_RECORD_COLUMNS, r);
    for (const r of g.data) bufs[2] += line(REPORT_DATA_COLUMNS, r);
    counts = { customers: counts.customers + 1, records: counts.records + g.records.length, data: counts.data + g.data.length };
    await flush(false);
  }
  await flush(true);
  return counts;
}

export const CSV_FILES = { info: "customer_info.csv", records: "report_record.csv", data: "report_data.csv" };

export async function writeCsvSource(dir: string, groups: Groups) {
  fs.mkdirSync(dir, { recursive: true });
  const outs = [CSV_FILES.info, CSV_FILES.records, CSV_FILES.data].map((f) => fs.createWriteStream(path.join(dir, f))) as unknown as [Writable, Writable, Writable];
  outs[0].write(`${CUSTOMER_INFO_COLUMNS.join(",")}\n`);
  outs[1].write(`${REPORT_RECORD_COLUMNS.join(",")}\n`);
  outs[2].write(`${REPORT_DATA_COLUMNS.join(",")}\n`);
  const counts = await pump(groups, outs, (cols, r) => `${cols.map((c) => csvField(r[c])).join(",")}\n`);
  await Promise.all(outs.map((o) => new Promise((res) => o.end(res))));
  return counts;
}

export const SOURCE_DDL = `
drop table if exists cms_customer_info, cms_report_record, cms_report_data;
create table cms_customer_info (custid bigint not null, recordmonth text not null, ctype text, gccsreadflg char(1), dtpreadflg char(1), custcode text, custname text, emptype text, uname text, orgcode text, tradeno text, groupflg char(1));
create table cms_report_record (formcode text not null, custid bigint not null, recordmonth text not null, recorddate date, note text, delflg char(1), accesstime timestamp);
create table cms_report_data (itemcode text not null, formcode text not null, custid bigint not null, recordmonth text not null, value numeric(20,2), qvalue text, score numeric(10,2));`;

export const SOURCE_INDEXES = `
create index on cms_customer_info (custid, recordmonth);
create index on cms_report_record (custid, recordmonth, formcode);
create index on cms_report_record (accesstime);
create index on cms_report_data (custid, recordmonth, formcode, itemcode);
analyze cms_customer_info; analyze cms_report_record; analyze cms_report_data;`;

/** (Re)creates the three interface tables in a PostgreSQL database and loads them with COPY. */
export async function writePgSource(url: string, groups: Groups) {
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  try {
    await sql.unsafe(SOURCE_DDL);
    const cols = (c: readonly string[]) => c.map((x) => x.toLowerCase()).join(", ");
    const outs = (await Promise.all([
      sql.unsafe(`copy cms_customer_info (${cols(CUSTOMER_INFO_COLUMNS)}) from stdin`).writable(),
      sql.unsafe(`copy cms_report_record (${cols(REPORT_RECORD_COLUMNS)}) from stdin`).writable(),
      sql.unsafe(`copy cms_report_data (${cols(REPORT_DATA_COLUMNS)}) from stdin`).writable(),
    ])) as [Writable, Writable, Writable];
    const counts = await pump(groups, outs, (c, r) => `${c.map((x) => copyField(r[x])).join("\t")}\n`);
    await Promise.all(outs.map((o) => new Promise<void>((res, rej) => { o.on("finish", res); o.on("error", rej); o.end(); })));
    await sql.unsafe(SOURCE_INDEXES);
    return counts;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
