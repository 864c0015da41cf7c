import { bigint, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { dataSourceEnum, statementCheckEnum } from "./enums";
import { customers } from "./customers";
import { users } from "./users";

/**
 * Financial statements: one row per customer x period (YYYY-MM) x form (BS, IS, CF), the line items as a
 * jsonb object `{ "BS001": 1234.56, ... }`. jsonb numbers are PostgreSQL numerics, so amounts keep their
 * exact decimals. Chosen over one row per line item because loading is ~4x faster and scoring a book reads
 * one row per statement (measured in STACK-NOTES); item-level history lives in modification_history.
 */
export const financialStatements = pgTable(
  "financial_statements",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    period: text("period").notNull(),
    formCode: text("form_code").notNull(),
    items: jsonb("items").$type<Record<string, number>>().notNull(),
    /** Per-item scores from the CMS report-data interface (SCORE), kept as delivered. */
    scores: jsonb("scores").$type<Record<string, number>>(),
    recordDate: date("record_date"),
    note: text("note"),
    /** Balance checks: a failed check blocks a rating until fixed or accepted with a reason. */
    checkStatus: statementCheckEnum("check_status").notNull().default("unchecked"),
    checkMessages: jsonb("check_messages").$type<string[]>(),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    acceptedReason: text("accepted_reason"),
    source: dataSourceEnum("source").notNull().default("manual"),
    sourceChecksum: text("source_checksum"),
    sourceAccessTime: timestamp("source_access_time", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("statements_key_uq").on(t.customerId, t.period, t.formCode), index("statements_period_idx").on(t.period)],
);

/** Qualitative indicator answers (定性指标) and individual scorecard facts, per customer and period. */
export const qualitativeAnswers = pgTable(
  "qualitative_answers",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    period: text("period").notNull(),
    indicatorKey: text("indicator_key").notNull(),
    /** option code for choice indicators, or a number for numeric facts, as text */
    answer: text("answer").notNull(),
    note: text("note"),
    source: dataSourceEnum("source").notNull().default("manual"),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("qualitative_key_uq").on(t.customerId, t.period, t.indicatorKey)],
);

/** Credit history (原有信用): overdues, defaults and existing debt as recorded by the bank. */
export const creditHistory = pgTable(
  "credit_history",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    asOf: date("as_of").notNull(),
    overdueCount24m: integer("overdue_count_24m").notNull().default(0),
    worstDaysPastDue24m: integer("worst_days_past_due_24m").notNull().default(0),
    defaultsEver: integer("defaults_ever").notNull().default(0),
    lastDefaultOn: date("last_default_on"),
    existingDebt: numeric("existing_debt", { precision: 20, scale: 2 }),
    lenders: integer("lenders"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("credit_history_key_uq").on(t.customerId, t.asOf)],
);
