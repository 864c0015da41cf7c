import { pgEnum } from "drizzle-orm/pg-core";
import { ROLES } from "../../server/domain/authz/roles";

export const roleEnum = pgEnum("role", ROLES);
export const userStatusEnum = pgEnum("user_status", ["active", "inactive"]);
export const customerTypeEnum = pgEnum("customer_type", ["corporate", "sme", "public_institution", "individual"]);
export const localeEnum = pgEnum("locale", ["zh", "en"]);
export const applicationStatusEnum = pgEnum("application_status", [
  "draft",
  "system_rated",
  "submitted",
  "in_review",
  "returned",
  "approved",
  "rejected",
  "withdrawn",
]);
export const channelEnum = pgEnum("application_channel", ["bank", "portal"]);
export const stepActionEnum = pgEnum("step_action", [
  "submit",
  "agree",
  "disagree",
  "return",
  "request_info",
  "reject",
  "withdraw",
  "regrade",
]);
export const modelStatusEnum = pgEnum("model_status", ["draft", "published", "retired"]);
export const modelKindEnum = pgEnum("model_kind", ["pd_logistic", "scorecard"]);
export const ratingStatusEnum = pgEnum("rating_status", ["effective", "superseded", "expired"]);
export const ratingOriginEnum = pgEnum("rating_origin", ["approval", "manual_regrade", "history"]);
export const jobStatusEnum = pgEnum("job_status", ["queued", "running", "succeeded", "failed", "cancelled"]);
export const statementCheckEnum = pgEnum("statement_check", ["unchecked", "ok", "failed", "accepted"]);
export const dataSourceEnum = pgEnum("data_source", ["cms", "import", "portal", "manual", "seed"]);
