-- Statistics (issue 8): covering indexes so the filtered group-bys and the migration matrix read the index
-- only. Prefix LIKE on institution_path needs text_pattern_ops.
CREATE INDEX IF NOT EXISTS "ratings_stats_path_idx" ON "ratings" ("institution_path" text_pattern_ops, "rated_on") INCLUDE ("customer_id", "grade", "system_grade", "customer_type", "model_key", "region_code", "industry_code", "nature_code", "institution_id", "rater_user_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ratings_stats_customer_idx" ON "ratings" ("customer_id", "rated_on" DESC) INCLUDE ("grade", "institution_path", "customer_type", "model_key", "created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "steps_stats_role_idx" ON "approval_steps" ("role", "acted_at") INCLUDE ("application_id", "entered_at");
