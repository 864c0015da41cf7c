-- Privileges on the append-only tables (the triggers of 0001 already refuse UPDATE, DELETE and TRUNCATE for
-- every role, the owner included; only the owner or a superuser can disable a trigger, which is why
-- production runs the application under a role that does not own the tables: see README, Administration).
-- PUBLIC never gets the right to change or empty them, whatever default privileges a cluster has.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM PUBLIC;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "modification_history" FROM PUBLIC;
--> statement-breakpoint
-- 0001 forbade TRUNCATE on the audit log only; the modification history gets the same protection.
CREATE TRIGGER modification_history_no_truncate BEFORE TRUNCATE ON "modification_history" FOR EACH STATEMENT EXECUTE FUNCTION forbid_row_change();
