import type { Role } from "./roles";

/**
 * The single permission table. Every page, procedure and route handler asks `can(role, permission)`
 * (through requirePermission on the server); menus are derived from the same table, so what a user sees
 * and what the server allows cannot drift apart.
 */
export const PERMISSIONS = [
  // customers and their data
  "customer.read",
  "customer.write",
  "customer.readIdNumber",
  // rating applications
  "rating.read",
  "rating.create",
  "rating.submit",
  "rating.review",
  "rating.riskHandle",
  "rating.riskReview",
  "rating.approve",
  "rating.regrade",
  "todo.read",
  "document.upload",
  // applicant portal
  "portal.apply",
  "portal.readOwn",
  // statistics
  "stats.read",
  "stats.export",
  // administration
  "admin.access",
  "admin.users",
  "admin.institutions",
  "admin.codeLists",
  "admin.parameters",
  "admin.models",
  "admin.audit",
  "admin.sync",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const STAFF_READ: Permission[] = ["customer.read", "rating.read", "todo.read", "stats.read"];

const TABLE: Record<Role, readonly Permission[]> = {
  rater: [...STAFF_READ, "customer.write", "customer.readIdNumber", "rating.create", "rating.submit", "document.upload"],
  reviewer: [...STAFF_READ, "rating.review", "document.upload"],
  risk_officer: [...STAFF_READ, "rating.riskHandle", "document.upload"],
  risk_reviewer: [...STAFF_READ, "rating.riskReview", "document.upload"],
  approver: [...STAFF_READ, "customer.readIdNumber", "rating.approve", "rating.regrade", "stats.export"],
  analyst: ["customer.read", "rating.read", "stats.read", "stats.export"],
  // Admins take no part in ratings (separation of duties): no rating.* and no customer data.
  admin: [
    "admin.access",
    "admin.users",
    "admin.institutions",
    "admin.codeLists",
    "admin.parameters",
    "admin.models",
    "admin.audit",
    "admin.sync",
  ],
  applicant_enterprise: ["portal.apply", "portal.readOwn", "document.upload"],
  applicant_individual: ["portal.apply", "portal.readOwn", "document.upload"],
};

export function can(role: Role, permission: Permission): boolean {
  return TABLE[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return TABLE[role];
}
