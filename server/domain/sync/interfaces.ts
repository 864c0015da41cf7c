/** The three interfaces of the customer-management system, exactly as delivered (every value is text or null). */
export const CUSTOMER_INFO_COLUMNS = ["CUSTID", "RECORDMONTH", "CTYPE", "GCCSREADFLG", "DTPREADFLG", "CUSTCODE", "CUSTNAME", "EMPTYPE", "UNAME", "ORGCODE", "TRADENO", "GROUPFLG"] as const;
export const REPORT_RECORD_COLUMNS = ["FORMCODE", "CUSTID", "RECORDMONTH", "RECORDDATE", "NOTE", "DELFLG", "ACCESSTIME"] as const;
export const REPORT_DATA_COLUMNS = ["ITEMCODE", "FORMCODE", "CUSTID", "RECORDMONTH", "VALUE", "QVALUE", "SCORE"] as const;

type RowOf<C extends readonly string[]> = { [K in C[number]]: string | null };
export type CustomerInfoRow = RowOf<typeof CUSTOMER_INFO_COLUMNS>;
export type ReportRecordRow = RowOf<typeof REPORT_RECORD_COLUMNS>;
export type ReportDataRow = RowOf<typeof REPORT_DATA_COLUMNS>;

export type InterfaceName = "customerInfo" | "reportRecord" | "reportData";

/** Everything the source holds for one CUSTID (the unit the sync writes atomically). */
export interface CustomerGroup {
  custId: string;
  infos: CustomerInfoRow[];
  records: ReportRecordRow[];
  data: ReportDataRow[];
}

/** A rejected row (or unit of rows) in the run report. */
export interface SyncIssue {
  interface: InterfaceName;
  /** the row's source key, e.g. `1001` or `1001/2025-12/ZCFZB` or `1001/2025-12/ZCFZB/ZC01` */
  key: string;
  field: string;
  reason: string;
  value?: string | null;
}

/** Orders CUSTIDs as the source sorts them: numerically when both are integers, else as text. */
export function compareCustId(a: string, b: string): number {
  if (a === b) return 0;
  const an = isDigits(a);
  const bn = isDigits(b);
  if (an && bn) {
    const x = a.replace(/^0+(?=\d)/, "");
    const y = b.replace(/^0+(?=\d)/, "");
    if (x.length !== y.length) return x.length - y.length;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigits(s: string): boolean {
  if (!s.length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
