CREATE TABLE "reminder_queue" (
	"zone_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	CONSTRAINT "reminder_queue_zone_id_project_id_pk" PRIMARY KEY("zone_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "reminder_sweeps" (
	"zone_id" integer PRIMARY KEY NOT NULL,
	"swept_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reminder_sweeps" ADD CONSTRAINT "reminder_sweeps_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written below
-- reminder_queue holds the projects written since the last reminder sweep in a way that can make a reminder, so the
-- sweep reads those and the dates passed since, not the whole zone (docs/decisions/008). Statement-level triggers,
-- like the rollups' (0006, 0012): they see every writer (forms, handoffs, imports, activities, a DBA's UPDATE).
-- A queued row is taken with DO UPDATE, not DO NOTHING: the writer then holds the row until it commits, so a sweep
-- in between skips it (FOR UPDATE SKIP LOCKED) and the project is swept as this writer leaves it, never only as it
-- was before. A sweep holding the row first makes the writer wait for it, after which the writer queues it anew.
CREATE FUNCTION reminder_queue_projects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO reminder_queue AS q (zone_id, project_id)
    SELECT w.zone_id, w.id FROM new_rows w
    WHERE w.next_action_on IS NOT NULL OR w.milestone_due_on IS NOT NULL
    ORDER BY w.zone_id, w.id
    ON CONFLICT (zone_id, project_id) DO UPDATE SET project_id = excluded.project_id;
  ELSE
    INSERT INTO reminder_queue AS q (zone_id, project_id)
    SELECT w.zone_id, w.id FROM new_rows w JOIN old_rows o ON o.id = w.id
    WHERE (w.next_action_on IS NOT NULL OR w.milestone_due_on IS NOT NULL)
      AND (o.zone_id, o.owner_id, o.company_id, o.status, o.stage, o.next_action_on, o.milestone_due_on)
        IS DISTINCT FROM (w.zone_id, w.owner_id, w.company_id, w.status, w.stage, w.next_action_on, w.milestone_due_on)
    ORDER BY w.zone_id, w.id
    ON CONFLICT (zone_id, project_id) DO UPDATE SET project_id = excluded.project_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reminder_queue_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reminder_queue_projects();
--> statement-breakpoint
CREATE TRIGGER reminder_queue_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reminder_queue_projects();
