import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, smallint, text, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";

/** The institution tree: head office (level 0) -> branches (1) -> sub-branches (2). */
export const institutions = pgTable(
  "institutions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    code: text("code").notNull().unique(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => institutions.id),
    level: smallint("level").notNull(),
    /** Materialized path of ids from the root, `/1/4/9/`: subtree = prefix match (kept in one transaction on move). */
    path: text("path").notNull(),
    regionCode: text("region_code").notNull(),
    active: boolean("active").notNull().default(true),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("institutions_path_idx").using("btree", sql`${t.path} text_pattern_ops`),
    index("institutions_parent_idx").on(t.parentId),
  ],
);
