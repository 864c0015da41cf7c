import { z } from "zod";
import { DomainError, type FieldIssue } from "../errors";
import { isApplicantRole, ROLES, STAFF_ROLES, type Role } from "../authz/roles";
import { passwordProblems } from "../validation/password";

/**
 * User administration: input schemas (shared by the browser forms and the server, messages are i18n keys) and
 * the rules every change goes through. Pure: the caller loads the facts (in a transaction that locks them).
 */
const username = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9._-]{2,31}$/, "validation.username");
const displayName = z.string().trim().min(1, "validation.required").max(64, "validation.tooLong");
const email = z.string().trim().max(254, "validation.tooLong").email("validation.email");
const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9})?$/, "validation.phone")
  .nullish()
  .transform((v) => (v ? v : null));
const institutionId = z.coerce.number({ message: "admin.validation.institution" }).int("admin.validation.institution").positive("admin.validation.institution");
const staffRole = z.enum(STAFF_ROLES, { message: "validation.required" });
const password = z.string().min(1, "validation.required").max(128, "password.tooLong");

function passwordIssues(ctx: z.RefinementCtx, pw: string, name: string) {
  for (const problem of passwordProblems(pw, name)) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
}

export const createUserInput = z
  .object({
    username,
    displayName,
    email,
    phone,
    role: staffRole,
    institutionId,
    locale: z.enum(["zh", "en"]).default("zh"),
    password,
  })
  .superRefine((v, ctx) => passwordIssues(ctx, v.password, v.username));
export type CreateUserInput = z.input<typeof createUserInput>;
export type CreateUser = z.output<typeof createUserInput>;

export const updateUserProfileInput = z.object({ id: z.uuid(), displayName, email, phone, locale: z.enum(["zh", "en"]) });
export type UpdateUserProfileInput = z.input<typeof updateUserProfileInput>;

export const setUserAssignmentInput = z.object({ id: z.uuid(), role: z.enum(ROLES, { message: "validation.required" }), institutionId });
export type SetUserAssignmentInput = z.input<typeof setUserAssignmentInput>;

export const setUserStatusInput = z.object({ id: z.uuid(), status: z.enum(["active", "inactive"]) });

/** The username is checked server-side (the browser form does not know it for an existing user). */
export const resetPasswordInput = z.object({ id: z.uuid(), password });
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;

export const userIdInput = z.object({ id: z.uuid() });

export const USER_SORTS = ["username", "displayName", "role", "institution", "status", "lastLogin", "createdAt"] as const;
export const listUsersInput = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  institutionId: z.number().int().positive().optional(),
  status: z.enum(["active", "inactive", "locked"]).optional(),
  sort: z.enum(USER_SORTS).default("username"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
});
export type ListUsersInput = z.input<typeof listUsersInput>;

export interface UserFacts {
  id: string;
  username: string;
  role: Role;
  status: "active" | "inactive";
  institutionId: number | null;
}

export interface UserChange {
  role?: Role;
  status?: "active" | "inactive";
  institutionId?: number | null;
}

function isActiveAdmin(u: { role: Role; status: "active" | "inactive" }): boolean {
  return u.role === "admin" && u.status === "active";
}

/**
 * Checks an admin's change to a user (role, institution, status):
 * - applicants stay applicants and staff stay staff (a portal account never becomes a bank employee);
 * - an admin cannot take away their own admin role, nor deactivate themselves;
 * - nobody removes the last active admin (by re-roling or deactivating them).
 * `activeAdminIds` are the active admins as locked by the caller's transaction.
 */
export function checkUserChange(actorId: string, before: UserFacts, change: UserChange, activeAdminIds: readonly string[]): void {
  const fields: FieldIssue[] = [];
  const after = { role: change.role ?? before.role, status: change.status ?? before.status };
  if (change.role && change.role !== before.role && isApplicantRole(before.role) !== isApplicantRole(change.role)) {
    fields.push({ path: "role", message: "admin.users.error.applicantRole" });
  }
  if (actorId === before.id) {
    if (before.role === "admin" && after.role !== "admin") fields.push({ path: "role", message: "admin.users.error.ownAdminRole" });
    if (after.status !== "active") fields.push({ path: "status", message: "admin.users.error.ownStatus" });
  }
  if (isActiveAdmin(before) && !isActiveAdmin(after) && !activeAdminIds.some((id) => id !== before.id)) {
    fields.push({ path: after.role !== "admin" ? "role" : "status", message: "admin.users.error.lastAdmin" });
  }
  if (fields.length) throw new DomainError("VALIDATION", "user change refused", { fields });
}

/** A change that alters what the user may do ends their open sessions (the token's version no longer matches). */
export function endsSessions(before: Pick<UserFacts, "role" | "status" | "institutionId">, change: UserChange & { password?: boolean }): boolean {
  return (
    Boolean(change.password) ||
    (change.role !== undefined && change.role !== before.role) ||
    (change.status !== undefined && change.status !== before.status) ||
    (change.institutionId !== undefined && change.institutionId !== before.institutionId)
  );
}

/** Password policy for a reset, with the user's own name (the form does not know it). */
export function resetPasswordProblems(password: string, usernameOfUser: string): FieldIssue[] {
  return passwordProblems(password, usernameOfUser).map((message) => ({ path: "password", message }));
}
