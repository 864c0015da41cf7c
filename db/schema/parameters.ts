import { integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { institutions } from "./institutions";
import { users } from "./users";

/**
 * System parameters. `institution_id` null = global default; a per-institution row overrides it for that
 * institution and everything below it (e.g. `escalation.grade`).
 */
export const parameters = pgTable(
  "parameters",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    key: text("key").notNull(),
    institutionId: integer("institution_id").references(() => institutions.id),
    value: jsonb("value").notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("parameters_key_uq").on(t.key, t.institutionId).nullsNotDistinct()],
);
