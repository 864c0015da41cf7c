import { boolean, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Code lists maintained by admins: `industry` (GB/T 4754 sections and divisions), `region` (GB/T 2260),
 * `customer_nature` (ownership), `override_reason`, `return_reason`.
 */
export const codeLists = pgTable(
  "code_lists",
  {
    listType: text("list_type").notNull(),
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    parentCode: text("parent_code"),
    sortOrder: integer("sort_order").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.listType, t.code] })],
);
