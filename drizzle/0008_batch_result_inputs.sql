-- Batch re-rating results name the result whose inputs they re-scored instead of copying its snapshot
-- (server/data/rerating.ts); a customer's latest result becomes one backward probe of (customer_id, id).
CREATE INDEX "results_customer_latest_idx" ON "rating_results" USING btree ("customer_id","id");--> statement-breakpoint
DROP INDEX "results_customer_idx";--> statement-breakpoint
-- only runs of an application are looked up by it: batch results (most rows) stay out of this index
DROP INDEX "results_application_idx";--> statement-breakpoint
CREATE INDEX "results_application_idx" ON "rating_results" USING btree ("application_id") WHERE "rating_results"."application_id" is not null;--> statement-breakpoint
ALTER TABLE "rating_results" ALTER COLUMN "inputs_snapshot" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "rating_results" ADD COLUMN "inputs_result_id" bigint;--> statement-breakpoint
ALTER TABLE "rating_results" ADD CONSTRAINT "rating_results_inputs_ck" CHECK (("rating_results"."inputs_snapshot" is null) <> ("rating_results"."inputs_result_id" is null));--> statement-breakpoint
-- Engine runs are evidence (what was scored, with which version, giving what): append-only, like the audit log.
-- This is also what keeps a batch row's reference valid without a foreign key, whose check would lock every
-- referenced row (one more write per result).
CREATE TRIGGER rating_results_append_only BEFORE UPDATE OR DELETE ON "rating_results" FOR EACH ROW EXECUTE FUNCTION forbid_row_change();
