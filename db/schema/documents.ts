import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { users } from "./users";
import { ratingApplications } from "./ratings";

/** Supporting documents. Bytes live outside the web root under the storage directory, named by id. */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id").references(() => customers.id),
    applicationId: uuid("application_id").references(() => ratingApplications.id),
    uploadedBy: uuid("uploaded_by").notNull().references(() => users.id),
    /** Sanitised display name; never used to build a path. */
    fileName: text("file_name").notNull(),
    /** Type detected from the content (magic bytes), not from the name. */
    mimeType: text("mime_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    category: text("category").notNull().default("supporting"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("documents_application_idx").on(t.applicationId), index("documents_customer_idx").on(t.customerId)],
);
