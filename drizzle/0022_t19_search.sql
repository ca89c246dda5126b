ALTER TABLE "investor_contacts" ADD COLUMN "search_key" text;--> statement-breakpoint
ALTER TABLE "investors" ADD COLUMN "search_key" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "search_key" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "enterprise_key" text;--> statement-breakpoint
CREATE INDEX "investor_contacts_search_key_trgm_idx" ON "investor_contacts" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "investor_contacts_search_key_missing_idx" ON "investor_contacts" USING btree ("id") WHERE "investor_contacts"."search_key" is null;--> statement-breakpoint
CREATE INDEX "investors_search_key_trgm_idx" ON "investors" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "investors_search_key_missing_idx" ON "investors" USING btree ("id") WHERE "investors"."search_key" is null;--> statement-breakpoint
CREATE INDEX "projects_search_key_trgm_idx" ON "projects" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_enterprise_key_trgm_idx" ON "projects" USING gin ("enterprise_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_search_key_missing_idx" ON "projects" USING btree ("id") WHERE "projects"."search_key" is null or "projects"."enterprise_key" is null;--> statement-breakpoint
-- The header search's keys hold pinyin, computed by the app (pinyin-pro). A write that changes a key's source
-- without sending the key makes it stale: it becomes null, and the app computes the nulls again (search-keys.server.ts,
-- at start and before each search). Existing rows start null and are filled at the app's first start.
CREATE FUNCTION search_key_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'projects' THEN
    IF (NEW.name, NEW.code) IS DISTINCT FROM (OLD.name, OLD.code) AND NEW.search_key IS NOT DISTINCT FROM OLD.search_key THEN
      NEW.search_key := NULL;
    END IF;
    IF (NEW.project_company_name, NEW.project_company_uscc) IS DISTINCT FROM (OLD.project_company_name, OLD.project_company_uscc)
       AND NEW.enterprise_key IS NOT DISTINCT FROM OLD.enterprise_key THEN
      NEW.enterprise_key := NULL;
    END IF;
  ELSIF TG_TABLE_NAME = 'investors' THEN
    IF (NEW.name, NEW.uscc) IS DISTINCT FROM (OLD.name, OLD.uscc) AND NEW.search_key IS NOT DISTINCT FROM OLD.search_key THEN
      NEW.search_key := NULL;
    END IF;
  ELSE
    IF (NEW.name, NEW.mobile) IS DISTINCT FROM (OLD.name, OLD.mobile) AND NEW.search_key IS NOT DISTINCT FROM OLD.search_key THEN
      NEW.search_key := NULL;
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER projects_search_key_stale BEFORE UPDATE OF name, code, project_company_name, project_company_uscc ON projects FOR EACH ROW EXECUTE FUNCTION search_key_stale();
--> statement-breakpoint
CREATE TRIGGER investors_search_key_stale BEFORE UPDATE OF name, uscc ON investors FOR EACH ROW EXECUTE FUNCTION search_key_stale();
--> statement-breakpoint
CREATE TRIGGER investor_contacts_search_key_stale BEFORE UPDATE OF name, mobile ON investor_contacts FOR EACH ROW EXECUTE FUNCTION search_key_stale();
