ALTER TABLE "ratings" ADD COLUMN "superseded_on" date;--> statement-breakpoint
ALTER TABLE "ratings" ADD COLUMN "prior_grade" text;--> statement-breakpoint
ALTER TABLE "ratings" ADD COLUMN "prior_rated_on" date;--> statement-breakpoint
-- Each rating knows its neighbours in the customer's history, in (rated_on, created_at, id) order:
--   superseded_on = the next rating's rated_on (null for the latest), prior_grade / prior_rated_on = the previous one's.
-- Then "the customer's latest rating in [a, b]" is rated_on between a and b and (superseded_on is null or
-- superseded_on > b), "the rating holding on day d" is rated_on <= d and (superseded_on is null or superseded_on > d),
-- and a customer re-rated once between two dates carries both grades on one row: range scans, no sort per customer.
UPDATE "ratings" r SET "superseded_on" = s.next_on, "prior_grade" = s.prior_grade, "prior_rated_on" = s.prior_on
FROM (SELECT id, lead(rated_on) OVER w AS next_on, lag(grade) OVER w AS prior_grade, lag(rated_on) OVER w AS prior_on
      FROM "ratings" WINDOW w AS (PARTITION BY customer_id ORDER BY rated_on, created_at, id)) s
WHERE s.id = r.id AND (s.next_on IS NOT NULL OR s.prior_on IS NOT NULL);
--> statement-breakpoint
-- Recomputes the neighbour columns of every rating of the given customers. Their customer rows are locked first,
-- so two transactions rating one customer at once take turns, and the second (read committed: a new snapshot
-- per statement) sees the first's rating.
CREATE OR REPLACE FUNCTION ratings_relink(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM customers c JOIN unnest(ids) u(id) ON u.id = c.id ORDER BY c.id FOR NO KEY UPDATE OF c;
  UPDATE ratings r SET superseded_on = s.next_on, prior_grade = s.prior_grade, prior_rated_on = s.prior_on
  FROM (SELECT x.id, lead(x.rated_on) OVER w AS next_on, lag(x.grade) OVER w AS prior_grade, lag(x.rated_on) OVER w AS prior_on
        FROM ratings x JOIN unnest(ids) u(id) ON u.id = x.customer_id
        WINDOW w AS (PARTITION BY x.customer_id ORDER BY x.rated_on, x.created_at, x.id)) s
  WHERE s.id = r.id
    AND (r.superseded_on, r.prior_grade, r.prior_rated_on) IS DISTINCT FROM (s.next_on, s.prior_grade, s.prior_on);
END $$;
--> statement-breakpoint
-- Once per statement (transition tables), so a bulk insert costs one pass. An update matters only when a column
-- the order or the neighbours read has changed; the trigger's own update of the neighbour columns re-fires it,
-- finds none changed, and stops there.
CREATE OR REPLACE FUNCTION ratings_link_neighbours() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT customer_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT DISTINCT customer_id FROM old_rows);
  ELSE
    ids := ARRAY(SELECT DISTINCT x.c FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o.customer_id), (n.customer_id)) x(c)
                 WHERE (o.customer_id, o.rated_on, o.created_at, o.grade) IS DISTINCT FROM (n.customer_id, n.rated_on, n.created_at, n.grade));
  END IF;
  IF cardinality(ids) > 0 THEN PERFORM ratings_relink(ids); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ratings_neighbours_ins AFTER INSERT ON "ratings" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ratings_link_neighbours();
--> statement-breakpoint
CREATE TRIGGER ratings_neighbours_upd AFTER UPDATE ON "ratings" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ratings_link_neighbours();
--> statement-breakpoint
CREATE TRIGGER ratings_neighbours_del AFTER DELETE ON "ratings" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ratings_link_neighbours();
--> statement-breakpoint
-- Custom date ranges and migration dates read a range of rated_on from this index only (no heap, no sort).
CREATE INDEX IF NOT EXISTS "ratings_stats_span_idx" ON "ratings" ("rated_on") INCLUDE ("superseded_on", "prior_rated_on", "prior_grade", "grade", "system_grade", "institution_path", "customer_type", "model_key", "region_code", "industry_code", "nature_code", "institution_id", "rater_user_id");
--> statement-breakpoint
-- A migration matrix's customers re-rated more than once between its dates: the ratings whose previous rating is
-- itself after the first date.
CREATE INDEX IF NOT EXISTS "ratings_stats_prior_idx" ON "ratings" ("prior_rated_on") INCLUDE ("rated_on", "superseded_on", "customer_id", "grade", "institution_path", "customer_type", "model_key") WHERE "prior_rated_on" IS NOT NULL;
--> statement-breakpoint
-- The rating holding on a date, per customer (a migration matrix's customers re-rated more than once in between).
DROP INDEX IF EXISTS "ratings_stats_customer_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ratings_stats_customer_idx" ON "ratings" ("customer_id", "rated_on" DESC) INCLUDE ("grade", "superseded_on", "institution_path", "customer_type", "model_key", "created_at");
