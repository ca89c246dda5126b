CREATE TABLE "activity_daily_counts" (
	"company_id" integer NOT NULL,
	"occurred_on" date NOT NULL,
	"activities" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_daily_counts_company_id_occurred_on_pk" PRIMARY KEY("company_id","occurred_on")
);
--> statement-breakpoint
CREATE INDEX "projects_zone_created_idx" ON "projects" USING btree ("zone_id","created_at");--> statement-breakpoint
CREATE INDEX "projects_zone_milestones_idx" ON "projects" USING btree ("zone_id","company_id","contacted_on","signed_on","construction_on","production_on");
--> statement-breakpoint
-- activity_daily_counts stays exact in the same transaction as any change to activities, the way project_rollups
-- does for projects (0006): statement-level triggers apply the net change per (company, day), so a bulk import
-- costs one grouped upsert, and an update that moves no activity to another company or day (the summary, the next
-- action done) touches no count at all. Groups are applied in key order so concurrent statements lock alike.
-- Cascaded deletes (a project deleted with its activities) fire the delete trigger too.
CREATE FUNCTION activity_daily_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO activity_daily_counts AS r (company_id, occurred_on, activities)
    SELECT company_id, occurred_on, count(*) FROM new_rows
    GROUP BY company_id, occurred_on ORDER BY company_id, occurred_on
    ON CONFLICT (company_id, occurred_on) DO UPDATE SET activities = r.activities + excluded.activities;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO activity_daily_counts AS r (company_id, occurred_on, activities)
    SELECT company_id, occurred_on, -count(*) FROM old_rows
    GROUP BY company_id, occurred_on ORDER BY company_id, occurred_on
    ON CONFLICT (company_id, occurred_on) DO UPDATE SET activities = r.activities + excluded.activities;
  ELSE
    INSERT INTO activity_daily_counts AS r (company_id, occurred_on, activities)
    SELECT company_id, occurred_on, sum(n) FROM (
      SELECT o.company_id, o.occurred_on, -1 AS n
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o.company_id, o.occurred_on) IS DISTINCT FROM (w.company_id, w.occurred_on)
      UNION ALL
      SELECT w.company_id, w.occurred_on, 1
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o.company_id, o.occurred_on) IS DISTINCT FROM (w.company_id, w.occurred_on)
    ) delta
    GROUP BY company_id, occurred_on
    HAVING sum(n) <> 0
    ORDER BY company_id, occurred_on
    ON CONFLICT (company_id, occurred_on) DO UPDATE SET activities = r.activities + excluded.activities;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER activity_daily_counts_insert AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_daily_counts_apply();
--> statement-breakpoint
CREATE TRIGGER activity_daily_counts_update AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_daily_counts_apply();
--> statement-breakpoint
CREATE TRIGGER activity_daily_counts_delete AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_daily_counts_apply();
--> statement-breakpoint
INSERT INTO activity_daily_counts (company_id, occurred_on, activities)
SELECT company_id, occurred_on, count(*) FROM activities GROUP BY company_id, occurred_on;
