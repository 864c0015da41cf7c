import { sql } from "drizzle-orm";
import { boolean, date, index, integer, numeric, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customerTypeEnum, dataSourceEnum } from "./enums";
import { institutions } from "./institutions";
import { users } from "./users";

/** Customers of all four types; type-specific fields are nullable and validated per type in the domain. */
export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    type: customerTypeEnum("type").notNull(),
    industryCode: text("industry_code"),
    regionCode: text("region_code"),
    natureCode: text("nature_code"),
    institutionId: integer("institution_id").notNull().references(() => institutions.id),
    managerUserId: uuid("manager_user_id").references(() => users.id),
    /** The applicant account that owns this record (self-service portal), if any. */
    applicantUserId: uuid("applicant_user_id").references(() => users.id),
    groupFlag: boolean("group_flag").notNull().default(false),
    registeredCapital: numeric("registered_capital", { precision: 20, scale: 2 }),
    establishedOn: date("established_on"),
    /** Unified social credit code (统一社会信用代码) for organisations. */
    creditCode: text("credit_code"),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    address: text("address"),
    employees: integer("employees"),
    // individuals: the ID number is stored encrypted (AES-256-GCM), with a keyed hash for uniqueness lookups
    idNumberEnc: text("id_number_enc"),
    idNumberHash: text("id_number_hash"),
    idNumberMasked: text("id_number_masked"),
    birthDate: date("birth_date"),
    gender: smallint("gender"),
    occupation: text("occupation"),
    employer: text("employer"),
    annualIncome: numeric("annual_income", { precision: 20, scale: 2 }),
    totalAssets: numeric("total_assets", { precision: 20, scale: 2 }),
    totalDebt: numeric("total_debt", { precision: 20, scale: 2 }),
    // current rating, denormalised from `ratings` for lists and statistics
    currentGrade: text("current_grade"),
    currentRatingId: uuid("current_rating_id"),
    currentRatingExpiresOn: date("current_rating_expires_on"),
    // provenance: CMS sync keeps CUSTID and a content checksum so re-runs write nothing when unchanged
    source: dataSourceEnum("source").notNull().default("manual"),
    sourceId: text("source_id"),
    sourceChecksum: text("source_checksum"),
    sourceRecordMonth: text("source_record_month"),
    // hash of the customer's raw rows in the three interfaces (computed in the source database) with the mapping
    // and reference data: an unchanged full re-run skips reading a customer whose hash is the same (null: re-read)
    sourceRawHash: text("source_raw_hash"),
    /** our live rows of this customer (itself, statements, answers) as written with `source_raw_hash`: a full rerun
     * that skips the customer counts them as unchanged without counting them again */
    sourceRowCount: integer("source_row_count"),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("customers_code_uq").on(t.code),
    uniqueIndex("customers_source_uq").on(t.source, t.sourceId),
    uniqueIndex("customers_id_number_uq").on(t.idNumberHash),
    index("customers_institution_idx").on(t.institutionId),
    index("customers_type_idx").on(t.type),
    index("customers_applicant_idx").on(t.applicantUserId),
    index("customers_name_idx").on(sql`lower(${t.name}) text_pattern_ops`),
  ],
);
