CREATE TABLE "zone_cache_versions" (
	"zone_id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
-- hand-written below
-- The zone's cache version (decision 033): raised in the writer's transaction by every write to what the app
-- processes cache per company (badge counts, saved views, the list filters' clusters, companies and owners), so a
-- process that reads it with the session never serves a number older than the last committed write, whoever made
-- it. Statement-level triggers with transition tables (like 0013's): one bump per statement and zone, not per row.
-- The version is the writing transaction's id, not a count: the check is "equal to the version the value was
-- loaded at", and a transaction id is never handed out twice on a cluster, so a counter reset (TRUNCATE, a restore)
-- cannot bring back a version some process holds older values for.
CREATE FUNCTION xact_cache_version() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT pg_current_xact_id()::text::bigint $$;
--> statement-breakpoint
CREATE FUNCTION bump_zone_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO zone_cache_versions AS v (zone_id, version) SELECT DISTINCT zone_id, xact_cache_version() FROM new_rows ORDER BY 1
    ON CONFLICT (zone_id) DO UPDATE SET version = excluded.version;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO zone_cache_versions AS v (zone_id, version)
    SELECT zone_id, xact_cache_version() FROM (SELECT zone_id FROM new_rows UNION SELECT zone_id FROM old_rows) z ORDER BY 1
    ON CONFLICT (zone_id) DO UPDATE SET version = excluded.version;
  ELSE
    INSERT INTO zone_cache_versions AS v (zone_id, version) SELECT DISTINCT zone_id, xact_cache_version() FROM old_rows ORDER BY 1
    ON CONFLICT (zone_id) DO UPDATE SET version = excluded.version;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- users: row-level and only for the columns the caches read (zone, company, name, role, disabled): a sign-in
-- writes mfa_last_step, a password change its hash, and those must not empty every process's cache.
CREATE FUNCTION bump_zone_cache_version_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO zone_cache_versions AS v (zone_id, version) VALUES (OLD.zone_id, xact_cache_version())
    ON CONFLICT (zone_id) DO UPDATE SET version = excluded.version;
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.zone_id <> OLD.zone_id) THEN
    INSERT INTO zone_cache_versions AS v (zone_id, version) VALUES (NEW.zone_id, xact_cache_version())
    ON CONFLICT (zone_id) DO UPDATE SET version = excluded.version;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER zone_cache_users AFTER INSERT OR DELETE OR UPDATE OF zone_id, company_id, display_name, role, disabled ON users FOR EACH ROW EXECUTE FUNCTION bump_zone_cache_version_row();
--> statement-breakpoint
CREATE TRIGGER zone_cache_insert AFTER INSERT ON notifications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_update AFTER UPDATE ON notifications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_delete AFTER DELETE ON notifications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_insert AFTER INSERT ON handoffs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_update AFTER UPDATE ON handoffs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_delete AFTER DELETE ON handoffs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_insert AFTER INSERT ON saved_views REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_update AFTER UPDATE ON saved_views REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_delete AFTER DELETE ON saved_views REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_insert AFTER INSERT ON companies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_update AFTER UPDATE ON companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_delete AFTER DELETE ON companies REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_insert AFTER INSERT ON clusters REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_update AFTER UPDATE ON clusters REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
CREATE TRIGGER zone_cache_delete AFTER DELETE ON clusters REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_zone_cache_version();
--> statement-breakpoint
INSERT INTO zone_cache_versions (zone_id, version) SELECT id, xact_cache_version() FROM zones ON CONFLICT DO NOTHING;
