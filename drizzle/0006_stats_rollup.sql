CREATE TABLE "stats_migration_rollup" (
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"institution_id" integer NOT NULL,
	"customer_type" text NOT NULL,
	"model_key" text,
	"from_grade" text NOT NULL,
	"to_grade" text NOT NULL,
	"customers" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_rollup" (
	"period" text NOT NULL,
	"institution_id" integer NOT NULL,
	"customer_type" text NOT NULL,
	"model_key" text,
	"measure" text NOT NULL,
	"key" text,
	"customers" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"overridden" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_rollup_built" (
	"period" text PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_rollup_dirty" (
	"period" text NOT NULL,
	"since" date NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stats_rollup_dirty_period_pk" PRIMARY KEY("period")
);
--> statement-breakpoint
CREATE INDEX "stats_migration_rollup_lookup_idx" ON "stats_migration_rollup" USING btree ("from_date","to_date","institution_id");--> statement-breakpoint
CREATE INDEX "stats_rollup_lookup_idx" ON "stats_rollup" USING btree ("period","measure","institution_id");--> statement-breakpoint
-- Marks the preset periods (quarter, year, all time) and the migration pairs touched by a change of ratings as
-- dirty, once per statement (transition tables), so a bulk insert costs one pass. An update counts only when a
-- column the statistics read has changed (a status change does not).
CREATE OR REPLACE FUNCTION stats_rollup_mark(d date) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stats_rollup_dirty (period, since)
  VALUES (to_char(d, 'YYYY-"Q"Q'), d), (to_char(d, 'YYYY'), d), ('all', d), ('migration', d)
  ON CONFLICT (period) DO UPDATE SET since = least(stats_rollup_dirty.since, excluded.since);
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_rollup_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR d IN SELECT DISTINCT rated_on FROM new_rows LOOP PERFORM stats_rollup_mark(d); END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOR d IN SELECT DISTINCT rated_on FROM old_rows LOOP PERFORM stats_rollup_mark(d); END LOOP;
  ELSE
    FOR d IN
      SELECT DISTINCT x.rated_on FROM old_rows o JOIN new_rows n ON n.id = o.id,
        LATERAL (VALUES (o.rated_on), (n.rated_on)) x(rated_on)
      WHERE (o.rated_on, o.created_at, o.customer_id, o.institution_id, o.customer_type, o.model_key, o.grade, o.system_grade,
             o.region_code, o.industry_code, o.nature_code, o.rater_user_id)
        IS DISTINCT FROM
            (n.rated_on, n.created_at, n.customer_id, n.institution_id, n.customer_type, n.model_key, n.grade, n.system_grade,
             n.region_code, n.industry_code, n.nature_code, n.rater_user_id)
    LOOP PERFORM stats_rollup_mark(d); END LOOP;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ratings_stats_dirty_ins AFTER INSERT ON "ratings" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER ratings_stats_dirty_upd AFTER UPDATE ON "ratings" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER ratings_stats_dirty_del AFTER DELETE ON "ratings" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_mark_dirty();
--> statement-breakpoint
-- ratings that exist before this migration: every period they touch is built on the first refresh
INSERT INTO stats_rollup_dirty (period, since)
SELECT p, min(rated_on) FROM ratings,
  LATERAL (VALUES (to_char(rated_on, 'YYYY-"Q"Q')), (to_char(rated_on, 'YYYY')), ('all'), ('migration')) v(p)
GROUP BY p;
