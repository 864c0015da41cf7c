import "server-only";
import { randomInt } from "node:crypto";
import { getDb } from "@/db/client";
import { customers, users } from "@/db/schema";
import { appendAudit } from "@/server/data/audit";
import { findActiveInstitution, findTakenIdentity } from "@/server/data/registration";
import { hashPassword } from "@/server/auth/password";
import { encryptIdNumber, idNumberLookupHash } from "@/server/auth/id-number-crypto";
import { birthDateFromIdNumber, maskIdNumber } from "@/server/domain/validation/identity";
import { registrationSchema } from "@/server/domain/validation/registration";
import { DomainError, type FieldIssue } from "@/server/domain/errors";

function portalCustomerCode(): string {
  return `P${String(randomInt(0, 1e9)).padStart(9, "0")}`;
}

const UNIQUE_FIELD_BY_CONSTRAINT: Record<string, FieldIssue> = {
  users_username_uq: { path: "username", message: "validation.usernameTaken" },
  users_email_uq: { path: "email", message: "validation.emailTaken" },
  customers_id_number_uq: { path: "idNumber", message: "validation.idNumberTaken" },
};

/**
 * Self-registration of an enterprise or individual applicant: the account and its own customer record in one
 * transaction, with an audit row. Every problem comes back as a field-level error; nothing is written then.
 */
export async function registerApplicant(raw: unknown, ctx: { ip?: string | null; locale?: "zh" | "en" } = {}) {
  const parsed = registrationSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError("VALIDATION", "registration", {
      fields: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  const v = parsed.data;
  const idNumberHash = v.kind === "individual" ? idNumberLookupHash(v.idNumber) : undefined;
  const db = getDb();
  const passwordHash = await hashPassword(v.password);

  try {
    return await db.transaction(async (tx) => {
      const institution = await findActiveInstitution(tx, v.institutionId);
      const fields: FieldIssue[] = [];
      if (!institution || institution.level === 0) fields.push({ path: "institutionId", message: "validation.branch" });
      const taken = await findTakenIdentity(tx, {
        username: v.username,
        email: v.email,
        creditCode: v.kind === "enterprise" ? v.creditCode : undefined,
        idNumberHash,
      });
      if (taken.username) fields.push({ path: "username", message: "validation.usernameTaken" });
      if (taken.email) fields.push({ path: "email", message: "validation.emailTaken" });
      if (taken.creditCode) fields.push({ path: "creditCode", message: "validation.creditCodeTaken" });
      if (taken.idNumber) fields.push({ path: "idNumber", message: "validation.idNumberTaken" });
      if (fields.length) throw new DomainError("VALIDATION", "registration", { fields });

      const [user] = await tx
        .insert(users)
        .values({
          username: v.username,
          email: v.email.toLowerCase(),
          phone: v.phone,
          displayName: v.kind === "enterprise" ? v.enterpriseName : v.fullName,
          passwordHash,
          role: v.kind === "enterprise" ? "applicant_enterprise" : "applicant_individual",
          institutionId: v.institutionId,
          locale: ctx.locale ?? "zh",
        })
        .returning({ id: users.id });

      const common = {
        code: portalCustomerCode(),
        institutionId: v.institutionId,
        applicantUserId: user.id,
        regionCode: institution!.regionCode,
        contactPhone: v.phone,
        contactEmail: v.email.toLowerCase(),
        source: "portal" as const,
      };
      const [customer] = await tx
        .insert(customers)
        .values(
          v.kind === "enterprise"
            ? { ...common, name: v.enterpriseName, type: v.orgType, creditCode: v.creditCode, contactName: v.contactName }
            : {
                ...common,
                name: v.fullName,
                type: "individual",
                natureCode: "individual",
                contactName: v.fullName,
                idNumberEnc: encryptIdNumber(v.idNumber),
                idNumberHash,
                idNumberMasked: maskIdNumber(v.idNumber),
                birthDate: birthDateFromIdNumber(v.idNumber),
              },
        )
        .returning({ id: customers.id, code: customers.code });

      await appendAudit(tx, {
        userId: user.id,
        username: v.username,
        role: v.kind === "enterprise" ? "applicant_enterprise" : "applicant_individual",
        institutionId: v.institutionId,
        action: "auth.register",
        entityType: "user",
        entityId: user.id,
        after: { kind: v.kind, customerId: customer.id, customerCode: customer.code },
        ip: ctx.ip ?? null,
      });
      return { userId: user.id, customerId: customer.id };
    });
  } catch (e) {
    // Two registrations racing past the checks meet the unique indexes; report them as the same field errors.
    const constraint = (e as { constraint_name?: string; constraint?: string; cause?: { constraint_name?: string; constraint?: string } });
    const name = constraint.constraint_name ?? constraint.constraint ?? constraint.cause?.constraint_name ?? constraint.cause?.constraint;
    if (name && UNIQUE_FIELD_BY_CONSTRAINT[name]) throw new DomainError("VALIDATION", "registration", { fields: [UNIQUE_FIELD_BY_CONSTRAINT[name]] });
    throw e;
  }
}
