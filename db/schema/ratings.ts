import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, numeric, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { applicationStatusEnum, channelEnum, ratingOriginEnum, ratingStatusEnum, stepActionEnum } from "./enums";
import { customers } from "./customers";
import { institutions } from "./institutions";
import { users } from "./users";
import { modelVersions } from "./models";

/**
 * A rating application moving through the approval chain. `version` is compared on every write
 * (optimistic concurrency): of two people acting on one step, exactly one wins.
 */
export const ratingApplications = pgTable(
  "rating_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Human reference, e.g. RA-2026-000123 */
    reference: text("reference").notNull().unique(),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    /** Institution whose chain handles the application (the customer's institution at creation). */
    institutionId: integer("institution_id").notNull().references(() => institutions.id),
    channel: channelEnum("channel").notNull(),
    chainKey: text("chain_key").notNull(),
    initiatorUserId: uuid("initiator_user_id").notNull().references(() => users.id),
    /** For portal applications: the staff member who did the initial review. */
    raterUserId: uuid("rater_user_id").references(() => users.id),
    status: applicationStatusEnum("status").notNull().default("draft"),
    /** Index into the chain's stage list (including escalation stages) while in review. */
    currentStage: smallint("current_stage"),
    currentRole: text("current_role"),
    currentInstitutionId: integer("current_institution_id").references(() => institutions.id),
    escalated: boolean("escalated").notNull().default(false),
    /** Resubmissions after a return start a new cycle; steps are recorded per cycle. */
    cycle: integer("cycle").notNull().default(1),
    wizardStep: text("wizard_step").notNull().default("customer"),
    period: text("period"),
    modelVersionId: integer("model_version_id").references(() => modelVersions.id),
    customerSnapshot: jsonb("customer_snapshot"),
    /** Inputs as entered: statements (current, previous), facts, qualitative answers */
    inputs: jsonb("inputs"),
    /** Analyst weight multipliers `{ indicatorKey: m }` */
    multipliers: jsonb("multipliers").$type<Record<string, number>>(),
    systemResultId: bigint("system_result_id", { mode: "number" }),
    systemGrade: text("system_grade"),
    raterGrade: text("rater_grade"),
    overrideReasonCode: text("override_reason_code"),
    overrideReason: text("override_reason"),
    // direct evaluation (直接评价) and preliminary conclusion (初步结论)
    directOpinion: text("direct_opinion"),
    conclusionApprove: boolean("conclusion_approve"),
    creditRiskOpinion: text("credit_risk_opinion"),
    suggestedGrade: text("suggested_grade"),
    proposedGrade: text("proposed_grade"),
    riskLimit: numeric("risk_limit", { precision: 20, scale: 2 }),
    finalGrade: text("final_grade"),
    finalPd: numeric("final_pd", { precision: 12, scale: 8 }),
    ratingId: uuid("rating_id"),
    returnReason: text("return_reason"),
    /** Who holds a returned application: the rater, or (portal) the applicant asked for more information. */
    returnedTo: text("returned_to"),
    /** A failed balance check accepted for this rating, with the reason (SPEC 4). */
    balanceAcceptedReason: text("balance_accepted_reason"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    stageEnteredAt: timestamp("stage_entered_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("applications_customer_idx").on(t.customerId),
    index("applications_queue_idx").on(t.status, t.currentRole, t.currentInstitutionId),
    index("applications_institution_idx").on(t.institutionId, t.status),
    index("applications_initiator_idx").on(t.initiatorUserId),
  ],
);

/** Every engine run: the exact inputs, model version and per-factor explanation, so it can be re-derived. */
export const ratingResults = pgTable(
  "rating_results",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    applicationId: uuid("application_id").references(() => ratingApplications.id),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    /** `system` (wizard), `rerun` (after weight adjustment), `batch` (book re-rating) */
    kind: text("kind").notNull(),
    modelVersionId: integer("model_version_id").notNull().references(() => modelVersions.id),
    modelKey: text("model_key").notNull(),
    modelVersion: integer("model_version").notNull(),
    /**
     * The inputs as scored. A batch re-rating scores the inputs of an earlier result unchanged, so its rows leave
     * this empty and name that result in `inputsResultId` (always a row holding a snapshot, never another
     * reference): 100,000 copies of a 1.4 kB document were most of a batch's write. Results are append-only
     * (migration 0008), so the referenced snapshot can never change or disappear.
     */
    inputsSnapshot: jsonb("inputs_snapshot"),
    inputsResultId: bigint("inputs_result_id", { mode: "number" }),
    adjustments: jsonb("adjustments"),
    explanation: jsonb("explanation").notNull(),
    score: numeric("score", { precision: 12, scale: 4 }).notNull(),
    pd: numeric("pd", { precision: 12, scale: 8 }).notNull(),
    modelGrade: text("model_grade").notNull(),
    grade: text("grade").notNull(),
    debtCapacity: numeric("debt_capacity", { precision: 20, scale: 2 }),
    riskLimit: numeric("risk_limit", { precision: 20, scale: 2 }),
    batchJobId: bigint("batch_job_id", { mode: "number" }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // only runs of an application are looked up by it: batch results (most rows) stay out of the index
    index("results_application_idx").on(t.applicationId).where(sql`${t.applicationId} is not null`),
    // a customer's latest result is one backward probe (the book of a re-rating reads it for every customer)
    index("results_customer_latest_idx").on(t.customerId, t.id),
    check("rating_results_inputs_ck", sql`(${t.inputsSnapshot} is null) <> (${t.inputsResultId} is null)`),
  ],
);

/** Each action taken on an application, with the actor's opinion and proposed grade (the grade lineage). */
export const approvalSteps = pgTable(
  "approval_steps",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    applicationId: uuid("application_id").notNull().references(() => ratingApplications.id),
    cycle: integer("cycle").notNull(),
    stageIndex: smallint("stage_index"),
    stageKey: text("stage_key").notNull(),
    role: text("role").notNull(),
    institutionId: integer("institution_id").references(() => institutions.id),
    actorUserId: uuid("actor_user_id").notNull().references(() => users.id),
    action: stepActionEnum("action").notNull(),
    opinion: text("opinion"),
    reasonCode: text("reason_code"),
    gradeBefore: text("grade_before"),
    gradeAfter: text("grade_after"),
    enteredAt: timestamp("entered_at", { withTimezone: true }),
    actedAt: timestamp("acted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("steps_application_idx").on(t.applicationId, t.cycle),
    // one action per stage per cycle: a second concurrent action on the same step fails here too
    uniqueIndex("steps_stage_once_uq").on(t.applicationId, t.cycle, t.stageIndex).where(sql`${t.stageIndex} is not null`),
  ],
);

/** Determined ratings of customers (the fact table for statistics). A manual re-grade adds a linked row. */
export const ratings = pgTable(
  "ratings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    applicationId: uuid("application_id").references(() => ratingApplications.id),
    previousRatingId: uuid("previous_rating_id"),
    origin: ratingOriginEnum("origin").notNull(),
    status: ratingStatusEnum("status").notNull().default("effective"),
    // denormalised at rating time so statistics need no joins and reflect the facts of that day
    customerType: text("customer_type").notNull(),
    institutionId: integer("institution_id").notNull().references(() => institutions.id),
    institutionPath: text("institution_path").notNull(),
    industryCode: text("industry_code"),
    regionCode: text("region_code"),
    natureCode: text("nature_code"),
    modelVersionId: integer("model_version_id").references(() => modelVersions.id),
    modelKey: text("model_key"),
    systemGrade: text("system_grade"),
    raterGrade: text("rater_grade"),
    grade: text("grade").notNull(),
    pd: numeric("pd", { precision: 12, scale: 8 }),
    score: numeric("score", { precision: 12, scale: 4 }),
    riskLimit: numeric("risk_limit", { precision: 20, scale: 2 }),
    raterUserId: uuid("rater_user_id").references(() => users.id),
    approvedBy: uuid("approved_by").references(() => users.id),
    reason: text("reason"),
    ratedOn: date("rated_on").notNull(),
    effectiveOn: date("effective_on").notNull(),
    expiresOn: date("expires_on").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * The rated_on of the customer's next rating (in rated_on, created_at, id order); null for its latest. Kept by
     * a trigger (migration 0007), so "the customer's latest rating in [a, b]" is `rated_on between a and b and
     * (superseded_on is null or superseded_on > b)`: one range scan instead of a sort per customer.
     */
    supersededOn: date("superseded_on"),
    /** The grade and rated_on of the customer's previous rating (same order, same trigger): a migration matrix
     * reads "from grade -> to grade" off one row when the customer was re-rated once between the two dates. */
    priorGrade: text("prior_grade"),
    priorRatedOn: date("prior_rated_on"),
  },
  (t) => [
    index("ratings_customer_idx").on(t.customerId, t.ratedOn),
    index("ratings_scope_idx").on(t.institutionPath, t.ratedOn),
    index("ratings_rated_on_idx").on(t.ratedOn),
  ],
);

/** Modification history (历史修改查询): every field change of an application, append-only. */
export const modificationHistory = pgTable(
  "modification_history",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    applicationId: uuid("application_id").notNull().references(() => ratingApplications.id),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    userId: uuid("user_id").references(() => users.id),
    role: text("role"),
    stage: text("stage"),
    field: text("field").notNull(),
    oldValue: jsonb("old_value"),
    newValue: jsonb("new_value"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("history_application_idx").on(t.applicationId, t.at),
    index("history_customer_idx").on(t.customerId, t.at),
    index("history_user_idx").on(t.userId, t.at),
  ],
);
