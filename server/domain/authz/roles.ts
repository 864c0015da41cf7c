/**
 * Role keys follow BRIEF section 1 (issue 3 names it as the source). SPEC section 2 uses other names for the
 * same people; the mapping is kept here so both documents can be read against the code:
 *   rater         = customer_manager (bank chain) and trial_officer (portal initial review)
 *   reviewer      = business_reviewer (bank chain) and compliance_officer (portal chain)
 *   risk_reviewer = risk_reviewer and examiner
 *   approver      = authorized_approver
 */
export const STAFF_ROLES = ["rater", "reviewer", "risk_officer", "risk_reviewer", "approver", "analyst", "admin"] as const;
export const APPLICANT_ROLES = ["applicant_enterprise", "applicant_individual"] as const;
export const ROLES = [...STAFF_ROLES, ...APPLICANT_ROLES] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type ApplicantRole = (typeof APPLICANT_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Roles that take part in the approval chain, in chain order after the rater. */
export const CHAIN_ROLES = ["reviewer", "risk_officer", "risk_reviewer", "approver"] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];

export function isApplicantRole(role: Role): role is ApplicantRole {
  return (APPLICANT_ROLES as readonly string[]).includes(role);
}

export function isStaffRole(role: Role): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
