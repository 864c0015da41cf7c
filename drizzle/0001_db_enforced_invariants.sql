-- Invariants the database enforces itself, whatever the application code does.

-- 1. The audit log and the modification history are append-only.
CREATE OR REPLACE FUNCTION forbid_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION forbid_row_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION forbid_row_change();
--> statement-breakpoint
CREATE TRIGGER modification_history_append_only BEFORE UPDATE OR DELETE ON "modification_history" FOR EACH ROW EXECUTE FUNCTION forbid_row_change();
--> statement-breakpoint

-- 2. A published or retired model version never changes its definition (only published -> retired).
CREATE OR REPLACE FUNCTION protect_published_model_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'model version % is % and cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
       NEW.definition IS DISTINCT FROM OLD.definition
    OR NEW.checksum IS DISTINCT FROM OLD.checksum
    OR NEW.customer_types IS DISTINCT FROM OLD.customer_types
    OR NEW.master_scale_id IS DISTINCT FROM OLD.master_scale_id
    OR NEW.version IS DISTINCT FROM OLD.version
    OR (OLD.status = 'retired' AND NEW.status <> 'retired')
    OR (OLD.status = 'published' AND NEW.status NOT IN ('published', 'retired'))) THEN
    RAISE EXCEPTION 'model version % is % and immutable', OLD.id, OLD.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER model_versions_immutable BEFORE UPDATE OR DELETE ON "model_versions" FOR EACH ROW EXECUTE FUNCTION protect_published_model_version();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION protect_published_master_scale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.status <> 'draft' AND NEW.definition IS DISTINCT FROM OLD.definition THEN
    IF TG_OP = 'DELETE' AND OLD.status = 'draft' THEN RETURN OLD; END IF;
    RAISE EXCEPTION 'master scale % is % and immutable', OLD.id, OLD.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER master_scales_immutable BEFORE UPDATE OR DELETE ON "master_scales" FOR EACH ROW EXECUTE FUNCTION protect_published_master_scale();
