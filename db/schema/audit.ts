import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Security and admin audit log. Append-only: a trigger refuses UPDATE and DELETE (see the custom
 * migration), and each row chains a SHA-256 over its content and the previous row's hash.
 * No foreign keys, so the log outlives whatever it describes.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: uuid("user_id"),
    username: text("username"),
    role: text("role"),
    institutionId: integer("institution_id"),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    correlationId: text("correlation_id"),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_at_idx").on(t.at),
    index("audit_user_idx").on(t.userId, t.at),
    index("audit_action_idx").on(t.action, t.at),
    index("audit_entity_idx").on(t.entityType, t.entityId),
  ],
);
