import { bigint, integer, jsonb, pgTable, text, timestamp, uuid, index } from "drizzle-orm/pg-core";
import { jobStatusEnum } from "./enums";
import { users } from "./users";

/** The ledger of customer-system sync runs. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    mode: text("mode").notNull(),
    trigger: text("trigger").notNull(),
    sourceKind: text("source_kind").notNull(),
    status: jobStatusEnum("status").notNull().default("running"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    watermarkFrom: text("watermark_from"),
    watermarkTo: text("watermark_to"),
    rowsRead: bigint("rows_read", { mode: "number" }).notNull().default(0),
    rowsInserted: bigint("rows_inserted", { mode: "number" }).notNull().default(0),
    rowsUpdated: bigint("rows_updated", { mode: "number" }).notNull().default(0),
    rowsUnchanged: bigint("rows_unchanged", { mode: "number" }).notNull().default(0),
    rowsRejected: bigint("rows_rejected", { mode: "number" }).notNull().default(0),
    rowsDeleted: bigint("rows_deleted", { mode: "number" }).notNull().default(0),
    progress: jsonb("progress"),
    /** Rejected rows: `[{ interface, key, field, reason }]` */
    report: jsonb("report"),
    error: text("error"),
    startedBy: uuid("started_by").references(() => users.id),
  },
  (t) => [index("sync_runs_started_idx").on(t.startedAt)],
);

/** Background jobs (batch re-rating, large exports) with progress and a resume cursor. */
export const jobs = pgTable(
  "jobs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind").notNull(),
    status: jobStatusEnum("status").notNull().default("queued"),
    payload: jsonb("payload"),
    total: integer("total"),
    done: integer("done").notNull().default(0),
    /** Resume point after a crash (e.g. the last customer id written). */
    cursor: text("cursor"),
    result: jsonb("result"),
    error: text("error"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
  },
  (t) => [index("jobs_kind_status_idx").on(t.kind, t.status)],
);
