import { financialStatements } from "../schema";
import type { Tx } from "../client";
import { clamp, rngFor, toCents, type Rng } from "./prng";
import { BALANCE_TOLERANCE } from "./parameters";

/** The annual periods every organisation gets, oldest first. */
export const STATEMENT_PERIODS = ["2023-12", "2024-12", "2025-12"] as const;
export const LATEST_PERIOD = STATEMENT_PERIODS[STATEMENT_PERIODS.length - 1];

/** SPEC section 4 line items per form. */
export const STATEMENT_ITEMS = {
  BS: ["BS001", "BS002", "BS003", "BS004", "BS005", "BS006", "BS007", "BS008", "BS009", "BS010", "BS011", "BS012", "BS013", "BS014"],
  IS: ["IS001", "IS002", "IS003", "IS004", "IS005", "IS006"],
  CF: ["CF001", "CF002", "CF003"],
} as const;
export type FormCode = keyof typeof STATEMENT_ITEMS;

type Range = readonly [number, number];

/** How an industry's statements look: margins, asset intensity and working-capital days. */
interface IndustryProfile {
  grossMargin: Range;
  opexRatio: Range;
  /** revenue / total assets */
  turnover: Range;
  arDays: Range;
  invDays: Range;
  apDays: Range;
  /** share of non-current assets that is fixed assets, and intangibles */
  fixedShare: Range;
  intangibleShare: Range;
  taxRate: number;
}

const P = (p: Partial<IndustryProfile>): IndustryProfile => ({
  grossMargin: [0.18, 0.3],
  opexRatio: [0.08, 0.14],
  turnover: [0.6, 1.0],
  arDays: [45, 90],
  invDays: [30, 80],
  apDays: [40, 80],
  fixedShare: [0.55, 0.75],
  intangibleShare: [0.05, 0.15],
  taxRate: 0.25,
  ...p,
});

const MANUFACTURING = P({ grossMargin: [0.16, 0.3], opexRatio: [0.07, 0.13], turnover: [0.7, 1.2], arDays: [60, 100], invDays: [60, 120] });
const CONSTRUCTION = P({ grossMargin: [0.08, 0.15], opexRatio: [0.03, 0.07], turnover: [0.6, 0.9], arDays: [120, 200], invDays: [60, 150], apDays: [120, 200], fixedShare: [0.3, 0.5] });
const TRANSPORT = P({ grossMargin: [0.12, 0.25], opexRatio: [0.05, 0.1], turnover: [0.4, 0.8], arDays: [40, 70], invDays: [5, 15], fixedShare: [0.7, 0.88] });
const IT = P({ grossMargin: [0.35, 0.6], opexRatio: [0.2, 0.35], turnover: [0.6, 1.0], arDays: [70, 120], invDays: [5, 20], fixedShare: [0.25, 0.45], intangibleShare: [0.2, 0.4], taxRate: 0.15 });
const PUBLIC = P({ grossMargin: [0.06, 0.12], opexRatio: [0.04, 0.08], turnover: [0.3, 0.8], arDays: [10, 50], invDays: [5, 20], apDays: [20, 50], fixedShare: [0.75, 0.9], taxRate: 0 });

const PROFILES: Record<string, IndustryProfile> = {
  A: P({ grossMargin: [0.1, 0.2], opexRatio: [0.04, 0.08], invDays: [60, 120] }),
  B: P({ grossMargin: [0.25, 0.4], opexRatio: [0.08, 0.14], turnover: [0.4, 0.7], fixedShare: [0.7, 0.85] }),
  "13": MANUFACTURING,
  "26": MANUFACTURING,
  "27": P({ ...MANUFACTURING, grossMargin: [0.4, 0.65], opexRatio: [0.25, 0.4], taxRate: 0.15 }),
  "36": MANUFACTURING,
  "39": P({ ...MANUFACTURING, grossMargin: [0.18, 0.32], taxRate: 0.15 }),
  "44": P({ grossMargin: [0.15, 0.3], opexRatio: [0.03, 0.06], turnover: [0.25, 0.45], arDays: [30, 60], invDays: [10, 30], fixedShare: [0.8, 0.92] }),
  "47": CONSTRUCTION,
  "48": CONSTRUCTION,
  "49": CONSTRUCTION,
  "50": CONSTRUCTION,
  "51": P({ grossMargin: [0.05, 0.1], opexRatio: [0.02, 0.05], turnover: [1.8, 3.0], arDays: [30, 60], invDays: [30, 60], apDays: [30, 60], fixedShare: [0.3, 0.5] }),
  "52": P({ grossMargin: [0.16, 0.26], opexRatio: [0.1, 0.17], turnover: [1.5, 2.5], arDays: [5, 15], invDays: [40, 70], apDays: [50, 90], fixedShare: [0.5, 0.7] }),
  "54": TRANSPORT,
  "55": TRANSPORT,
  "59": TRANSPORT,
  "63": P({ ...IT, turnover: [0.35, 0.6], fixedShare: [0.7, 0.85], intangibleShare: [0.05, 0.15] }),
  "64": IT,
  "65": IT,
  "70": P({ grossMargin: [0.2, 0.35], opexRatio: [0.06, 0.1], turnover: [0.15, 0.35], arDays: [10, 30], invDays: [700, 1200], apDays: [120, 240], fixedShare: [0.2, 0.4] }),
  H: P({ grossMargin: [0.4, 0.6], opexRatio: [0.3, 0.45], turnover: [0.4, 0.8], arDays: [5, 20], invDays: [5, 15], fixedShare: [0.75, 0.9] }),
  L: P({ grossMargin: [0.25, 0.4], opexRatio: [0.12, 0.22], turnover: [0.3, 0.8], invDays: [5, 15] }),
  M: P({ grossMargin: [0.3, 0.45], opexRatio: [0.18, 0.28], arDays: [90, 150], invDays: [10, 30], taxRate: 0.15 }),
  O: P({ grossMargin: [0.2, 0.35], opexRatio: [0.12, 0.2], turnover: [1.0, 1.6], arDays: [10, 30], invDays: [10, 30] }),
  R: P({ grossMargin: [0.3, 0.45], opexRatio: [0.18, 0.3], turnover: [0.5, 0.9], invDays: [10, 30] }),
};

export interface StatementSubject {
  code: string;
  type: "corporate" | "sme" | "public_institution";
  industryCode: string;
  /** Latest annual revenue in yuan. */
  revenue: number;
  /** Latent credit quality in [0, 1): 1 is best. Drives leverage, margins, liquidity and growth. */
  quality: number;
  /** Make the latest balance sheet not balance (to demo the statement check). */
  unbalanced?: boolean;
}

export interface GeneratedStatement {
  period: string;
  formCode: FormCode;
  /** Integer cents per item code. */
  cents: Record<string, number>;
}

const draw = (rng: Rng, [lo, hi]: Range) => rng.between(lo, hi);

/**
 * Three years of BS/IS/CF for one organisation, in integer cents so the identities hold to the cent:
 * BS004 = cash + receivables + inventory + other current assets; BS007 = BS004 + BS005 + BS006 + other
 * non-current; BS010 = BS008 + BS009 + other current liabilities; BS013 = BS010 + BS011 + BS012 + other
 * non-current liabilities; BS014 = BS007 - BS013 (computed last). The cash-flow statement reconciles to the
 * change in cash (CF001 + CF002 + CF003 = BS001(t) - BS001(t-1)). A hidden 2022 year gives the first
 * published year its opening balances.
 */
export function generateStatements(s: StatementSubject): GeneratedStatement[] {
  const rng = rngFor(`statements:${s.code}`);
  const prof = s.type === "public_institution" ? PUBLIC : PROFILES[s.industryCode] ?? PROFILES[s.industryCode.slice(0, 1)] ?? P({});
  const q = s.quality;

  // customer-level characteristics
  const revenueLatest = s.revenue;
  const turnover = draw(rng, prof.turnover);
  const grossBase = draw(rng, prof.grossMargin);
  const opexRatio = draw(rng, prof.opexRatio);
  const arDays = draw(rng, prof.arDays);
  const invDays = draw(rng, prof.invDays);
  const apDays = draw(rng, prof.apDays);
  const fixedShare = draw(rng, prof.fixedShare);
  const intangibleShare = draw(rng, prof.intangibleShare);
  const normalMargin = grossBase - opexRatio;
  const isPublic = s.type === "public_institution";
  const debtRatio = isPublic ? clamp(0.2 + 0.5 * (1 - q) + 0.04 * rng.normal(), 0.2, 0.75) : clamp(0.95 - 0.72 * q + 0.05 * rng.normal(), 0.2, 0.95);
  const borrowShare = isPublic ? rng.between(0.2, 0.5) : clamp(0.55 + 0.3 * (1 - q) + 0.05 * rng.normal(), 0.4, 0.9);
  const shortShare = clamp(0.75 - 0.45 * q + 0.08 * rng.normal(), 0.15, 0.95);
  const hasBonds = s.type === "corporate" && revenueLatest > 2e9 && q > 0.35 && rng.chance(0.6);
  const bondShare = hasBonds ? rng.between(0.3, 0.6) : 0;
  const rate = 0.032 + 0.035 * (1 - q) + 0.003 * rng.normal();
  const depRate = rng.between(0.05, 0.1);
  const taxRate = s.type === "sme" && prof.taxRate === 0.25 ? 0.2 : prof.taxRate;
  const cashDaysBase = isPublic ? 30 + 60 * q : 12 + 80 * q;

  // revenue path, newest to oldest, then reversed: 2022 (hidden), 2023, 2024, 2025
  const growthMean = -0.1 + 0.28 * q;
  const revenues = [revenueLatest];
  for (let i = 0; i < 3; i++) {
    const g = clamp(growthMean + 0.07 * rng.normal(), -0.2, 0.3);
    revenues.unshift(revenues[0] / (1 + g));
  }

  interface Year {
    bs: Record<string, number>;
    borrowings: number;
    fixed: number;
    intangible: number;
    wc: number;
  }
  const years: Year[] = [];
  const out: GeneratedStatement[] = [];
  const periods = ["2022-12", ...STATEMENT_PERIODS];

  for (let y = 0; y < revenues.length; y++) {
    const rev = revenues[y];
    const prev = years[y - 1];
    const cogsEstimate = rev * (1 - grossBase);

    // assets
    const totalTarget = (rev / turnover) * rng.jitter(0.05);
    const cash = toCents(rev * (clamp(cashDaysBase * rng.jitter(0.15), 3, 200) / 365));
    const ar = toCents(rev * ((arDays * rng.jitter(0.08)) / 365));
    const inv = toCents(cogsEstimate * ((invDays * rng.jitter(0.08)) / 365));
    const otherCurrent = toCents(totalTarget * rng.between(0.02, 0.06));
    const bs004 = cash + ar + inv + otherCurrent;
    const nonCurrent = Math.max(toCents(totalTarget) - bs004, Math.round(bs004 * rng.between(0.08, 0.15)));
    const fixed = Math.round(nonCurrent * clamp(fixedShare * rng.jitter(0.03), 0.1, 0.95));
    const intangible = Math.round(nonCurrent * clamp(intangibleShare * rng.jitter(0.05), 0, 0.9 - fixedShare * 0.9));
    const otherNonCurrent = Math.max(0, nonCurrent - fixed - intangible);
    const bs007 = bs004 + fixed + intangible + otherNonCurrent;

    // liabilities, equity last
    const dr = clamp(debtRatio + 0.02 * rng.normal(), 0.15, 0.97);
    const totalLiab = Math.round(bs007 * dr);
    const ap = Math.min(toCents(cogsEstimate * ((apDays * rng.jitter(0.08)) / 365)), Math.round(totalLiab * 0.45));
    const rest = totalLiab - ap;
    const borrowings = Math.round(rest * clamp(borrowShare * rng.jitter(0.04), 0.05, 0.95));
    const otherLiab = rest - borrowings;
    const shortTerm = Math.round(borrowings * shortShare);
    const longTotal = borrowings - shortTerm;
    const bonds = Math.round(longTotal * bondShare);
    const longTerm = longTotal - bonds;
    const otherCurrentLiab = Math.round(otherLiab * 0.6);
    const otherNonCurrentLiab = otherLiab - otherCurrentLiab;
    const bs010 = shortTerm + ap + otherCurrentLiab;
    const bs013 = bs010 + longTerm + bonds + otherNonCurrentLiab;
    const bs = {
      BS001: cash,
      BS002: ar,
      BS003: inv,
      BS004: bs004,
      BS005: fixed,
      BS006: intangible,
      BS007: bs007,
      BS008: shortTerm,
      BS009: ap,
      BS010: bs010,
      BS011: longTerm,
      BS012: bonds,
      BS013: bs013,
      BS014: bs007 - bs013,
    };

    // income statement
    const revenue = toCents(rev);
    const interest = Math.round(((prev ? (prev.borrowings + borrowings) / 2 : borrowings) * rate));
    const opMarginRate =
      q < 0.08
        ? -(0.015 + 0.12 * ((0.08 - q) / 0.08)) + 0.01 * rng.normal()
        : Math.max(0.002, normalMargin) * (0.25 + 1.35 * q) * rng.jitter(0.15) - (isPublic ? 0.02 : 0);
    const operatingProfit = Math.round(revenue * opMarginRate);
    const cogs = revenue - operatingProfit - interest - Math.round(revenue * opexRatio * rng.jitter(0.05));
    const totalProfit = operatingProfit + Math.round(revenue * 0.004 * rng.normal());
    const netProfit = totalProfit > 0 ? Math.round(totalProfit * (1 - taxRate)) : totalProfit;
    const is = { IS001: revenue, IS002: cogs, IS003: interest, IS004: operatingProfit, IS005: totalProfit, IS006: netProfit };

    const wc = ar + inv - ap;
    const year: Year = { bs, borrowings, fixed, intangible, wc };
    years.push(year);
    if (!prev) continue; // the hidden opening year

    // cash flow: indirect operating cash flow, capex from the change in long-lived assets, financing as the plug
    const depreciation = Math.round(prev.fixed * depRate);
    const cf001 = netProfit + depreciation - (wc - prev.wc) + Math.round(revenue * 0.01 * rng.normal());
    const cf002 = -(fixed - prev.fixed + depreciation) - (intangible - prev.intangible) + Math.round(revenue * 0.003 * rng.normal());
    const cf003 = cash - prev.bs.BS001 - cf001 - cf002;
    const cf = { CF001: cf001, CF002: cf002, CF003: cf003 };

    const period = periods[y];
    out.push({ period, formCode: "BS", cents: bs }, { period, formCode: "IS", cents: is }, { period, formCode: "CF", cents: cf });
  }

  if (s.unbalanced) {
    // a keying error in the latest equity figure: a few per cent of total assets, far outside the tolerance
    const latest = out.find((st) => st.period === LATEST_PERIOD && st.formCode === "BS")!;
    const diff = Math.max(toCents(10_000), Math.round(latest.cents.BS007 * rng.between(0.005, 0.03)));
    latest.cents.BS014 += rng.chance(0.5) ? diff : -diff;
  }
  return out;
}

/** Cents -> yuan with 2 decimals as a JSON number (jsonb keeps it as an exact numeric). */
export function centsToItems(cents: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(cents).map(([k, v]) => [k, v / 100]));
}

function fmt(cents: number): string {
  return (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/**
 * The seed's balance check (the statement service owns the real one): total assets must equal liabilities
 * plus equity within max(absolute, relative x total assets), per `statement.balanceTolerance`.
 */
export function balanceSheetProblems(cents: Record<string, number>, tol = BALANCE_TOLERANCE): string[] {
  const problems: string[] = [];
  const diff = cents.BS007 - (cents.BS013 + cents.BS014);
  const allowed = Math.max(toCents(tol.absolute), Math.round(Math.abs(cents.BS007) * tol.relative));
  if (Math.abs(diff) > allowed) {
    problems.push(
      `资产总计(BS007) ${fmt(cents.BS007)} ≠ 负债合计(BS013) + 所有者权益合计(BS014) ${fmt(cents.BS013 + cents.BS014)}，差额 ${fmt(diff)} 超出容差 ${fmt(allowed)} / ` +
        `Total assets (BS007) ${fmt(cents.BS007)} ≠ total liabilities (BS013) + total equity (BS014) ${fmt(cents.BS013 + cents.BS014)}: difference ${fmt(diff)} exceeds the tolerance ${fmt(allowed)}`,
    );
  }
  return problems;
}

export interface StatementRowsResult {
  rows: number;
  failed: number;
}

/** Inserts generated statements, setting the check status from the balance check. */
export async function seedStatements(tx: Tx, list: { customerId: string; statement: GeneratedStatement }[]): Promise<StatementRowsResult> {
  let failed = 0;
  const rows: (typeof financialStatements.$inferInsert)[] = list.map(({ customerId, statement: st }) => {
    const problems = st.formCode === "BS" ? balanceSheetProblems(st.cents) : [];
    if (problems.length) failed++;
    return {
      customerId,
      period: st.period,
      formCode: st.formCode,
      items: centsToItems(st.cents),
      recordDate: periodEnd(st.period),
      checkStatus: problems.length ? "failed" : "ok",
      checkMessages: problems.length ? problems : null,
      source: "seed",
    };
  });
  for (let i = 0; i < rows.length; i += 500) await tx.insert(financialStatements).values(rows.slice(i, i + 500));
  return { rows: rows.length, failed };
}

/** "2025-12" -> "2025-12-31" */
export function periodEnd(period: string): string {
  const [y, m] = period.split("-").map(Number);
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}
