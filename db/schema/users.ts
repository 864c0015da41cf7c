import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { localeEnum, roleEnum, userStatusEnum } from "./enums";
import { institutions } from "./institutions";

/** Staff and applicants. One role per user; staff belong to an institution, applicants to their handling branch. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    phone: text("phone"),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull(),
    institutionId: integer("institution_id").references(() => institutions.id),
    status: userStatusEnum("status").notNull().default("active"),
    locale: localeEnum("locale").notNull().default("zh"),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on role/institution/status/password change: tokens carrying an older value are refused. */
    sessionVersion: integer("session_version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_uq").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_uq").on(sql`lower(${t.email})`),
    index("users_institution_idx").on(t.institutionId),
    index("users_role_idx").on(t.role),
  ],
);
