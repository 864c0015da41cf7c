import type { FactValue, RatingInput } from "../scoring/rating-types";

/**
 * Assembles the engine input for one customer and statement period from what the bank stores: statements by
 * period, qualitative answers, the credit-history snapshot and master data. Pure: the caller passes `asOf`.
 *
 * Facts derived from the bank's own records (credit history, age, years in business, income) take precedence
 * over answers typed into a form, because they are the system of record.
 */
export interface AssembleSource {
  period: string; // YYYY-MM of the current statements
  asOf: string; // YYYY-MM-DD, the rating date
  statementsByPeriod: Record<string, Record<string, number>>; // period -> merged BS/IS/CF items
  answers: Record<string, string>; // fact key -> answer text (option code or number)
  creditHistory?: {
    overdueCount24m: number;
    worstDaysPastDue24m: number;
    defaultsEver: number;
    lastDefaultOn: string | null;
    existingDebt: string | number | null;
  } | null;
  customer: {
    industryCode: string | null;
    establishedOn: string | null;
    birthDate: string | null;
    annualIncome: string | number | null;
  };
}

export function previousPeriod(period: string): string {
  const [y, m] = period.split("-").map(Number);
  return `${y - 1}-${String(m).padStart(2, "0")}`;
}

/** Whole years between two ISO dates (birthday-style: a year counts once its anniversary is reached). */
export function wholeYearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return Math.max(0, years);
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

/** GB/T 4754 section letter of an industry code: the letter itself, or the section of a 2-digit division. */
export function industrySectionOf(code: string | null): string | undefined {
  if (!code) return undefined;
  if (/^[A-T]$/.test(code)) return code;
  if (/^[A-T]\d+/.test(code)) return code[0];
  const division = Number(code.slice(0, 2));
  if (!Number.isFinite(division)) return undefined;
  const bounds: [number, string][] = [[5, "A"], [12, "B"], [43, "C"], [46, "D"], [50, "E"], [52, "F"], [60, "G"], [62, "H"], [65, "I"], [66, "J"], [69, "K"], [70, "L"], [72, "M"], [75, "N"], [78, "O"], [81, "P"], [83, "Q"], [84, "R"], [89, "S"], [94, "T"]];
  for (const [max, section] of bounds) if (division <= max) return section;
  return undefined;
}

function toFact(answer: string): FactValue {
  const trimmed = answer.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function assembleRatingInput(src: AssembleSource): RatingInput {
  const facts: Record<string, FactValue> = {};
  for (const [key, answer] of Object.entries(src.answers)) facts[key] = toFact(answer);

  const h = src.creditHistory;
  if (h) {
    facts.overdue_count_24m = h.overdueCount24m;
    facts.worst_overdue_days_24m = h.worstDaysPastDue24m;
    facts.defaults_24m = h.lastDefaultOn && monthsBetween(h.lastDefaultOn, src.asOf) <= 24 ? Math.max(1, h.defaultsEver) : 0;
    if (h.existingDebt != null) facts.existing_debt_balance = Number(h.existingDebt);
  }
  if (src.customer.birthDate) facts.age = wholeYearsBetween(src.customer.birthDate, src.asOf);
  if (src.customer.establishedOn) facts.years_in_business = wholeYearsBetween(src.customer.establishedOn, src.asOf);
  if (src.customer.annualIncome != null) facts.annual_income = Number(src.customer.annualIncome);

  const current = src.statementsByPeriod[src.period] ?? {};
  const previous = src.statementsByPeriod[previousPeriod(src.period)];
  const input: RatingInput = { statements: previous ? { current, previous } : { current }, facts };
  const section = industrySectionOf(src.customer.industryCode);
  if (section) input.industrySection = section;
  return input;
}
