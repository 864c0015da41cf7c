import "server-only";
import { getDb } from "@/db/client";
import { findCustomerWithScope, latestCreditHistory, listStatements } from "@/server/data/customers";
import { canSeeCustomer } from "@/server/domain/authz/scope";
import { can } from "@/server/domain/authz/permissions";
import { DomainError } from "@/server/domain/errors";
import { decryptIdNumber } from "@/server/auth/id-number-crypto";
import { recordDenied } from "@/server/services/auth/record-denied";
import type { CurrentUser } from "@/server/auth/session";

/** One customer with statements and credit history, if the actor's scope covers it (else a refusal, audited). */
export async function getCustomer(actor: CurrentUser, customerId: string) {
  const db = getDb();
  const row = await findCustomerWithScope(db, customerId);
  if (!row) throw new DomainError("NOT_FOUND");
  const visible = canSeeCustomer(
    { userId: actor.id, role: actor.role, institutionPath: actor.institutionPath, isApplicant: actor.isApplicant },
    { institutionPath: row.institutionPath, applicantUserId: row.customer.applicantUserId },
  );
  if (!visible) {
    await recordDenied(actor, "customer.scope", `customer:${customerId}`);
    throw new DomainError("OUT_OF_SCOPE");
  }
  const c = row.customer;
  const [statements, history] = await Promise.all([listStatements(db, c.id), latestCreditHistory(db, c.id)]);
  let idNumber: string | null = c.idNumberMasked;
  if (c.idNumberEnc && can(actor.role, "customer.readIdNumber")) {
    try {
      idNumber = decryptIdNumber(c.idNumberEnc);
    } catch {
      idNumber = c.idNumberMasked;
    }
  }
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    type: c.type,
    industryCode: c.industryCode,
    regionCode: c.regionCode,
    natureCode: c.natureCode,
    groupFlag: c.groupFlag,
    registeredCapital: c.registeredCapital,
    establishedOn: c.establishedOn,
    creditCode: c.creditCode,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    idNumber,
    birthDate: c.birthDate,
    occupation: c.occupation,
    annualIncome: c.annualIncome,
    currentGrade: c.currentGrade,
    currentRatingExpiresOn: c.currentRatingExpiresOn,
    currentRatingId: c.currentRatingId,
    institution: { code: row.institutionCode, nameZh: row.institutionNameZh, nameEn: row.institutionNameEn },
    managerName: row.managerName,
    statements,
    creditHistory: history
      ? { asOf: history.asOf, overdueCount24m: history.overdueCount24m, worstDaysPastDue24m: history.worstDaysPastDue24m, defaultsEver: history.defaultsEver, existingDebt: history.existingDebt }
      : null,
  };
}
