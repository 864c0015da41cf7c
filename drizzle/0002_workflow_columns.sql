ALTER TABLE "rating_applications" ADD COLUMN "returned_to" text;--> statement-breakpoint
ALTER TABLE "rating_applications" ADD COLUMN "balance_accepted_reason" text;