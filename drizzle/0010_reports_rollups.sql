CREATE TABLE "project_stage_firsts" (
	"project_id" integer NOT NULL,
	"stage" "project_stage" NOT NULL,
	"zone_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"confidential" boolean NOT NULL,
	"reached_on" date NOT NULL,
	"next_on" date,
	CONSTRAINT "project_stage_firsts_project_id_stage_pk" PRIMARY KEY("project_id","stage")
);
--> statement-breakpoint
DROP INDEX "projects_zone_stage_idx";--> statement-breakpoint
DROP INDEX "projects_zone_status_idx";--> statement-breakpoint
DROP INDEX "projects_zone_signed_on_idx";--> statement-breakpoint
DROP INDEX "projects_zone_construction_on_idx";--> statement-breakpoint
DROP INDEX "projects_zone_production_on_idx";--> statement-breakpoint
DROP INDEX "projects_zone_created_idx";--> statement-breakpoint
ALTER TABLE "project_stage_firsts" ADD CONSTRAINT "project_stage_firsts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_stage_firsts_company_reached_idx" ON "project_stage_firsts" USING btree ("zone_id","company_id","stage","reached_on","next_on","confidential");--> statement-breakpoint
CREATE INDEX "project_stage_firsts_company_next_idx" ON "project_stage_firsts" USING btree ("zone_id","company_id","stage","next_on","reached_on","confidential");--> statement-breakpoint
CREATE INDEX "project_stage_firsts_zone_reached_idx" ON "project_stage_firsts" USING btree ("zone_id","stage","reached_on","next_on","confidential");--> statement-breakpoint
CREATE INDEX "project_stage_firsts_zone_next_idx" ON "project_stage_firsts" USING btree ("zone_id","stage","next_on","reached_on","confidential");--> statement-breakpoint
CREATE INDEX "project_events_lost_idx" ON "project_events" USING btree ("project_id","business_on") WHERE "project_events"."kind" = 'status' and "project_events"."to_status" = 'lost';--> statement-breakpoint
CREATE INDEX "projects_lost_idx" ON "projects" USING btree ("zone_id","company_id","stage","lost_reason","confidential","id") WHERE "projects"."status" = 'lost';--> statement-breakpoint
CREATE INDEX "projects_zone_stage_idx" ON "projects" USING btree ("zone_id","stage","id","status","company_id","total_investment_wan");--> statement-breakpoint
CREATE INDEX "projects_zone_status_idx" ON "projects" USING btree ("zone_id","status","company_id","last_activity_on");--> statement-breakpoint
CREATE INDEX "projects_zone_signed_on_idx" ON "projects" USING btree ("zone_id","signed_on","company_id","first_contact_company_id","total_investment_wan");--> statement-breakpoint
CREATE INDEX "projects_zone_construction_on_idx" ON "projects" USING btree ("zone_id","construction_on","company_id","first_contact_company_id","total_investment_wan");--> statement-breakpoint
CREATE INDEX "projects_zone_production_on_idx" ON "projects" USING btree ("zone_id","production_on","company_id","first_contact_company_id","total_investment_wan");--> statement-breakpoint
CREATE INDEX "projects_zone_created_idx" ON "projects" USING btree ("zone_id","created_at","company_id");
--> statement-breakpoint
-- hand-written below
-- Status events into "lost" are a few percent of the events, but kind and to_status are not independent: without
-- this the planner guessed 150 where a year has thousands, and drove the funnel's lost projects from the events.
CREATE STATISTICS "project_events_kind_to_status_stats" (mcv) ON "kind", "to_status" FROM "project_events";
--> statement-breakpoint
ANALYZE "project_events";
--> statement-breakpoint
-- project_stage_firsts stays exact in the same transaction as any change to project_events or to a project's zone,
-- company or confidentiality, whoever writes (forms, handoffs, imports). A change to the stage events of some
-- projects recomputes those projects' rows from their events (a handful of rows each); writers of one project's
-- events queue on the project's row first, so the recomputation sees every committed event. Owner and status
-- events do not touch it. A deleted project takes its rows with it (foreign key, cascade).
CREATE FUNCTION project_stage_firsts_refresh(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM projects WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM project_stage_firsts WHERE project_id = ANY (ids);
  INSERT INTO project_stage_firsts (project_id, stage, zone_id, company_id, confidential, reached_on, next_on)
  WITH firsts AS (
    SELECT e.project_id, e.to_stage AS stage, min(e.business_on) AS reached_on
    FROM project_events e
    WHERE e.project_id = ANY (ids) AND e.kind IN ('created', 'imported', 'stage') AND e.to_stage IS NOT NULL
    GROUP BY e.project_id, e.to_stage
  )
  SELECT f.project_id, f.stage, p.zone_id, p.company_id, p.confidential, f.reached_on, n.reached_on
  FROM firsts f
  JOIN projects p ON p.id = f.project_id
  LEFT JOIN firsts n ON n.project_id = f.project_id
    AND n.stage = (enum_range(NULL::project_stage))[array_position(enum_range(NULL::project_stage), f.stage) + 1]
  ORDER BY f.project_id, f.stage;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION project_stage_firsts_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM project_stage_firsts_refresh(ARRAY(
      SELECT DISTINCT project_id FROM new_rows WHERE kind IN ('created', 'imported', 'stage') AND to_stage IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM project_stage_firsts_refresh(ARRAY(
      SELECT DISTINCT project_id FROM old_rows WHERE kind IN ('created', 'imported', 'stage') AND to_stage IS NOT NULL));
  ELSE
    PERFORM project_stage_firsts_refresh(ARRAY(
      SELECT o.project_id FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o.project_id, o.kind, o.to_stage, o.business_on) IS DISTINCT FROM (w.project_id, w.kind, w.to_stage, w.business_on)
      UNION
      SELECT w.project_id FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o.project_id, o.kind, o.to_stage, o.business_on) IS DISTINCT FROM (w.project_id, w.kind, w.to_stage, w.business_on)));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER project_stage_firsts_insert AFTER INSERT ON project_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_stage_firsts_events();
--> statement-breakpoint
CREATE TRIGGER project_stage_firsts_update AFTER UPDATE ON project_events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_stage_firsts_events();
--> statement-breakpoint
CREATE TRIGGER project_stage_firsts_delete AFTER DELETE ON project_events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION project_stage_firsts_events();
--> statement-breakpoint
-- A project moved to another company (a transfer, an import) or zone, or made (not) confidential: its rows follow.
CREATE FUNCTION project_stage_firsts_projects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE project_stage_firsts f SET zone_id = w.zone_id, company_id = w.company_id, confidential = w.confidential
  FROM old_rows o JOIN new_rows w ON w.id = o.id
  WHERE f.project_id = w.id
    AND (o.zone_id, o.company_id, o.confidential) IS DISTINCT FROM (w.zone_id, w.company_id, w.confidential);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER project_stage_firsts_project_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_stage_firsts_projects();
--> statement-breakpoint
INSERT INTO project_stage_firsts (project_id, stage, zone_id, company_id, confidential, reached_on, next_on)
WITH firsts AS (
  SELECT e.project_id, e.to_stage AS stage, min(e.business_on) AS reached_on
  FROM project_events e
  WHERE e.kind IN ('created', 'imported', 'stage') AND e.to_stage IS NOT NULL
  GROUP BY e.project_id, e.to_stage
)
SELECT f.project_id, f.stage, p.zone_id, p.company_id, p.confidential, f.reached_on, n.reached_on
FROM firsts f
JOIN projects p ON p.id = f.project_id
LEFT JOIN firsts n ON n.project_id = f.project_id
  AND n.stage = (enum_range(NULL::project_stage))[array_position(enum_range(NULL::project_stage), f.stage) + 1];
