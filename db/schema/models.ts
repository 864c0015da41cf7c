import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customerTypeEnum, modelKindEnum, modelStatusEnum } from "./enums";
import { users } from "./users";

/** A rating model family (e.g. `corporate-pd`); its definitions are versions. */
export const ratingModels = pgTable("rating_models", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  key: text("key").notNull().unique(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  kind: modelKindEnum("kind").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Master scales are versioned too; a model version pins the scale version it was published with. */
export const masterScales = pgTable("master_scales", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  version: integer("version").notNull().unique(),
  status: modelStatusEnum("status").notNull().default("draft"),
  /** `{ pdFloor, grades: [{ grade, maxPd, pd }] }`, best grade first */
  definition: jsonb("definition").notNull(),
  publishedAt: timestamp("published_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A model version: the full definition as validated JSON. Published versions are immutable (enforced by a
 * trigger, not only by the code); at most one published version per customer type is active.
 */
export const modelVersions = pgTable(
  "model_versions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    modelId: integer("model_id").notNull().references(() => ratingModels.id),
    version: integer("version").notNull(),
    status: modelStatusEnum("status").notNull().default("draft"),
    customerTypes: customerTypeEnum("customer_types").array().notNull(),
    definition: jsonb("definition").notNull(),
    masterScaleId: integer("master_scale_id").notNull().references(() => masterScales.id),
    /** sha256 of the canonical definition, so a stored rating can prove which definition it used. */
    checksum: text("checksum").notNull(),
    basedOnVersionId: integer("based_on_version_id"),
    notes: text("notes"),
    createdBy: uuid("created_by").references(() => users.id),
    publishedBy: uuid("published_by").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("model_versions_uq").on(t.modelId, t.version)],
);

/** Approval chains as data: ordered stages (role per stage) and the escalation rule. */
export const approvalChains = pgTable("approval_chains", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  key: text("key").notNull().unique(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  /** `{ stages: [{ key, role }], escalation: { stages: [{ key, role }] } }` */
  definition: jsonb("definition").notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
