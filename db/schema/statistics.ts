import { date, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Pre-aggregated statistics (issue 8): exact counts for the preset periods (all time, each calendar year, each
 * calendar quarter) at the grain of one institution, customer type and model, so any institution subtree,
 * type or model filter is a small sum. Rebuilt per period by `server/data/stats-rollup.ts` when a trigger on
 * `ratings` has marked the period dirty; the page shows the time a figure was built.
 *
 * Counts are additive because a customer counts once per period, at its latest rating in that period.
 */
export const statsRollup = pgTable(
  "stats_rollup",
  {
    /** 'all', 'YYYY' or 'YYYY-Qn' */
    period: text("period").notNull(),
    institutionId: integer("institution_id").notNull(),
    customerType: text("customer_type").notNull(),
    modelKey: text("model_key"),
    /** grade | region | industry | nature | ovr_notches | ovr_rater */
    measure: text("measure").notNull(),
    key: text("key"),
    /** customers whose latest rating in the period has this key */
    customers: integer("customers").notNull().default(0),
    /** ratings dated in the period with this key (for ovr_*: ratings that have a system grade) */
    ratings: integer("ratings").notNull().default(0),
    /** ovr_*: ratings whose final grade differs from the system grade */
    overridden: integer("overridden").notNull().default(0),
  },
  (t) => [index("stats_rollup_lookup_idx").on(t.period, t.measure, t.institutionId)],
);

/** Grade migration between preset date pairs (consecutive quarter ends and consecutive year ends). */
export const statsMigrationRollup = pgTable(
  "stats_migration_rollup",
  {
    fromDate: date("from_date").notNull(),
    toDate: date("to_date").notNull(),
    /** attributes of the customer's latest rating on or before to_date (the filters apply to it) */
    institutionId: integer("institution_id").notNull(),
    customerType: text("customer_type").notNull(),
    modelKey: text("model_key"),
    fromGrade: text("from_grade").notNull(),
    toGrade: text("to_grade").notNull(),
    customers: integer("customers").notNull(),
  },
  (t) => [index("stats_migration_rollup_lookup_idx").on(t.fromDate, t.toDate, t.institutionId)],
);

/** When each period (or 'migration') was last built; a period with no row here is answered live. */
export const statsRollupBuilt = pgTable("stats_rollup_built", {
  period: text("period").primaryKey(),
  builtAt: timestamp("built_at", { withTimezone: true }).notNull(),
});

/** Periods whose ratings changed since they were built (written by statement triggers on `ratings`). */
export const statsRollupDirty = pgTable(
  "stats_rollup_dirty",
  {
    period: text("period").notNull(),
    /** the earliest rating date that changed in it (migration pairs ending on or after it are rebuilt) */
    since: date("since").notNull(),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.period] })],
);
