import "server-only";
import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { creditHistory, customers, financialStatements, qualitativeAnswers } from "@/db/schema";
import type { AssembleSource } from "@/server/domain/rating-input/assemble";

export type RatingSources = Omit<AssembleSource, "period" | "asOf" | "answers"> & { answersByPeriod: Record<string, Record<string, string>> };

/**
 * Everything the engine input is assembled from, for many customers in four queries (statements merged per
 * period across BS/IS/CF, answers per period, latest credit history, master data).
 */
export async function loadRatingSources(db: Queryable, customerIds: string[]): Promise<Map<string, RatingSources>> {
  const out = new Map<string, RatingSources>();
  if (customerIds.length === 0) return out;
  const [masters, statements, answers, histories] = await Promise.all([
    db.select({ id: customers.id, industryCode: customers.industryCode, establishedOn: customers.establishedOn, birthDate: customers.birthDate, annualIncome: customers.annualIncome }).from(customers).where(inArray(customers.id, customerIds)),
    db.select({ customerId: financialStatements.customerId, period: financialStatements.period, items: financialStatements.items }).from(financialStatements).where(and(inArray(financialStatements.customerId, customerIds), isNull(financialStatements.withdrawnAt), inArray(financialStatements.formCode, ["BS", "IS", "CF"]))),
    db.select({ customerId: qualitativeAnswers.customerId, period: qualitativeAnswers.period, key: qualitativeAnswers.indicatorKey, answer: qualitativeAnswers.answer }).from(qualitativeAnswers).where(inArray(qualitativeAnswers.customerId, customerIds)),
    db.selectDistinctOn([creditHistory.customerId]).from(creditHistory).where(inArray(creditHistory.customerId, customerIds)).orderBy(creditHistory.customerId, sql`${creditHistory.asOf} desc`),
  ]);
  for (const m of masters) {
    out.set(m.id, { statementsByPeriod: {}, answersByPeriod: {}, creditHistory: null, customer: { industryCode: m.industryCode, establishedOn: m.establishedOn, birthDate: m.birthDate, annualIncome: m.annualIncome } });
  }
  for (const s of statements) {
    const src = out.get(s.customerId)!;
    src.statementsByPeriod[s.period] = { ...(src.statementsByPeriod[s.period] ?? {}), ...s.items };
  }
  for (const a of answers) {
    const src = out.get(a.customerId)!;
    (src.answersByPeriod[a.period] ??= {})[a.key] = a.answer;
  }
  for (const h of histories) {
    out.get(h.customerId)!.creditHistory = { overdueCount24m: h.overdueCount24m, worstDaysPastDue24m: h.worstDaysPastDue24m, defaultsEver: h.defaultsEver, lastDefaultOn: h.lastDefaultOn, existingDebt: h.existingDebt };
  }
  return out;
}
