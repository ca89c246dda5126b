CREATE TABLE "project_day_rollups" (
	"zone_id" integer NOT NULL,
	"basis" text NOT NULL,
	"measure" text NOT NULL,
	"grain" text NOT NULL,
	"period_on" date NOT NULL,
	"company_id" integer NOT NULL,
	"evidenced" boolean NOT NULL,
	"projects" integer DEFAULT 0 NOT NULL,
	"investment_wan" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "project_day_rollups_pk" PRIMARY KEY("zone_id","basis","measure","grain","period_on","company_id","evidenced")
);
--> statement-breakpoint
DROP INDEX "projects_zone_signed_on_idx";--> statement-breakpoint
DROP INDEX "projects_zone_construction_on_idx";--> statement-breakpoint
DROP INDEX "projects_zone_production_on_idx";--> statement-breakpoint
ALTER TABLE "project_rollups" ADD COLUMN "big_projects" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "handoffs_zone_kind_created_idx" ON "handoffs" USING btree ("zone_id","kind","created_at","to_company_id","from_company_id");--> statement-breakpoint
CREATE INDEX "handoffs_zone_kind_answered_idx" ON "handoffs" USING btree ("zone_id","kind","answered_at","created_at","to_company_id");--> statement-breakpoint
CREATE INDEX "projects_zone_signed_on_idx" ON "projects" USING btree ("zone_id","signed_on","company_id","first_contact_company_id","total_investment_wan","contacted_on");--> statement-breakpoint
CREATE INDEX "projects_zone_construction_on_idx" ON "projects" USING btree ("zone_id","construction_on","company_id","first_contact_company_id","total_investment_wan","signed_on");--> statement-breakpoint
CREATE INDEX "projects_zone_production_on_idx" ON "projects" USING btree ("zone_id","production_on","company_id","first_contact_company_id","total_investment_wan","construction_on");
--> statement-breakpoint
-- hand-written below
-- project_rollups also counts the big projects (10,000万元 = 1亿元 or more, the scorecard's BIG_PROJECT_WAN) of each
-- group, so the scorecard's reserve reads a few rows instead of every negotiating project of the zone.
CREATE OR REPLACE FUNCTION project_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO project_rollups AS r (zone_id, company_id, stage, status, projects, investment_wan, big_projects)
    SELECT zone_id, company_id, stage, status, count(*), coalesce(sum(total_investment_wan), 0),
      count(*) FILTER (WHERE total_investment_wan >= 10000)
    FROM new_rows GROUP BY zone_id, company_id, stage, status ORDER BY zone_id, company_id, stage, status
    ON CONFLICT (zone_id, company_id, stage, status) DO UPDATE
      SET projects = r.projects + excluded.projects, investment_wan = r.investment_wan + excluded.investment_wan,
        big_projects = r.big_projects + excluded.big_projects;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO project_rollups AS r (zone_id, company_id, stage, status, projects, investment_wan, big_projects)
    SELECT zone_id, company_id, stage, status, -count(*), -coalesce(sum(total_investment_wan), 0),
      -count(*) FILTER (WHERE total_investment_wan >= 10000)
    FROM old_rows GROUP BY zone_id, company_id, stage, status ORDER BY zone_id, company_id, stage, status
    ON CONFLICT (zone_id, company_id, stage, status) DO UPDATE
      SET projects = r.projects + excluded.projects, investment_wan = r.investment_wan + excluded.investment_wan,
        big_projects = r.big_projects + excluded.big_projects;
  ELSE
    INSERT INTO project_rollups AS r (zone_id, company_id, stage, status, projects, investment_wan, big_projects)
    SELECT zone_id, company_id, stage, status, sum(n), sum(inv), sum(big)
    FROM (
      SELECT o.zone_id, o.company_id, o.stage, o.status, -1 AS n, -coalesce(o.total_investment_wan, 0) AS inv,
        -(CASE WHEN o.total_investment_wan >= 10000 THEN 1 ELSE 0 END) AS big
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o.zone_id, o.company_id, o.stage, o.status, o.total_investment_wan)
        IS DISTINCT FROM (w.zone_id, w.company_id, w.stage, w.status, w.total_investment_wan)
      UNION ALL
      SELECT w.zone_id, w.company_id, w.stage, w.status, 1, coalesce(w.total_investment_wan, 0),
        CASE WHEN w.total_investment_wan >= 10000 THEN 1 ELSE 0 END
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o.zone_id, o.company_id, o.stage, o.status, o.total_investment_wan)
        IS DISTINCT FROM (w.zone_id, w.company_id, w.stage, w.status, w.total_investment_wan)
    ) delta
    GROUP BY zone_id, company_id, stage, status
    HAVING sum(n) <> 0 OR sum(inv) <> 0 OR sum(big) <> 0
    ORDER BY zone_id, company_id, stage, status
    ON CONFLICT (zone_id, company_id, stage, status) DO UPDATE
      SET projects = r.projects + excluded.projects, investment_wan = r.investment_wan + excluded.investment_wan,
        big_projects = r.big_projects + excluded.big_projects;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
UPDATE project_rollups r SET big_projects = b.n
FROM (
  SELECT zone_id, company_id, stage, status, count(*) FILTER (WHERE total_investment_wan >= 10000) AS n
  FROM projects GROUP BY zone_id, company_id, stage, status
) b
WHERE (r.zone_id, r.company_id, r.stage, r.status) = (b.zone_id, b.company_id, b.stage, b.status) AND b.n <> 0;
--> statement-breakpoint
-- The rows one project contributes to project_day_rollups (before the delta's sign): each measure's day and month,
-- for both credit bases where the measure has them, evidence as the attachments stand now. Every trigger below
-- computes its net change from this one definition, and so does the backfill.
CREATE FUNCTION project_day_facts(p_id integer, p_zone_id integer, p_company_id integer, p_first_contact_company_id integer,
  p_created_at timestamptz, p_contacted_on date, p_signed_on date, p_construction_on date, p_production_on date,
  p_last_activity_on date, p_status project_status, p_investment_wan numeric)
RETURNS TABLE (zone_id integer, basis text, measure text, grain text, period_on date, company_id integer, evidenced boolean, investment_wan numeric)
LANGUAGE sql STABLE AS $$
  SELECT p_zone_id, b.basis, m.measure, g.grain, g.period_on, b.company_id, m.evidenced, coalesce(p_investment_wan, 0)::numeric(16,2)
  FROM (VALUES
    ('signed', p_signed_on,
      p_signed_on IS NOT NULL AND EXISTS (SELECT 1 FROM attachments a WHERE a.project_id = p_id AND a.stage = 'signed')),
    ('construction', p_construction_on,
      p_construction_on IS NOT NULL AND EXISTS (SELECT 1 FROM attachments a WHERE a.project_id = p_id AND a.stage = 'construction')),
    ('production', p_production_on,
      p_production_on IS NOT NULL AND EXISTS (SELECT 1 FROM attachments a WHERE a.project_id = p_id AND a.stage = 'production')),
    ('created', (p_created_at AT TIME ZONE 'Asia/Shanghai')::date, false),
    ('contacted', coalesce(p_contacted_on, p_signed_on), false),
    ('converted', CASE WHEN p_signed_on IS NOT NULL THEN greatest(coalesce(p_contacted_on, p_signed_on), p_signed_on) END, false),
    ('last_activity', CASE WHEN p_status = 'active' THEN p_last_activity_on END, false)
  ) m (measure, on_date, evidenced)
  CROSS JOIN LATERAL (VALUES ('owner', p_company_id), ('firstContact', coalesce(p_first_contact_company_id, p_company_id))) b (basis, company_id)
  CROSS JOIN LATERAL (VALUES ('day', m.on_date), ('month', date_trunc('month', m.on_date)::date)) g (grain, period_on)
  WHERE m.on_date IS NOT NULL
    AND (b.basis = 'owner' OR m.measure IN ('signed', 'construction', 'production'))
    AND (g.grain = 'day' OR m.measure <> 'last_activity')
$$;
--> statement-breakpoint
-- project_day_rollups stays exact in the same transaction as any change to projects or attachments, whoever writes
-- (forms, handoffs, imports, a DBA's UPDATE), the way project_rollups does (0006): statement-level triggers apply the
-- net change per key, in key order, and an update that changes none of the columns it reads touches no row.
CREATE FUNCTION project_day_rollups_projects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO project_day_rollups AS r (zone_id, basis, measure, grain, period_on, company_id, evidenced, projects, investment_wan)
    SELECT f.zone_id, f.basis, f.measure, f.grain, f.period_on, f.company_id, f.evidenced, count(*), sum(f.investment_wan)
    FROM new_rows w
    CROSS JOIN LATERAL project_day_facts(w.id, w.zone_id, w.company_id, w.first_contact_company_id, w.created_at, w.contacted_on,
      w.signed_on, w.construction_on, w.production_on, w.last_activity_on, w.status, w.total_investment_wan) f
    GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (zone_id, basis, measure, grain, period_on, company_id, evidenced) DO UPDATE
      SET projects = r.projects + excluded.projects, investment_wan = r.investment_wan + excluded.investment_wan;
  ELSE
    INSERT INTO project_day_rollups AS r (zone_id, basis, measure, grain, period_on, company_id, evidenced, projects, investment_wan)
    SELECT zone_id, basis, measure, grain, period_on, company_id, evidenced, sum(n), sum(inv)
    FROM (
      SELECT f.*, -1 AS n, -f.investment_wan AS inv
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      CROSS JOIN LATERAL project_day_facts(o.id, o.zone_id, o.company_id, o.first_contact_company_id, o.created_at, o.contacted_on,
        o.signed_on, o.construction_on, o.production_on, o.last_activity_on, o.status, o.total_investment_wan) f
      WHERE (o.zone_id, o.company_id, o.first_contact_company_id, o.created_at, o.contacted_on, o.signed_on, o.construction_on,
          o.production_on, o.last_activity_on, o.status, o.total_investment_wan)
        IS DISTINCT FROM (w.zone_id, w.company_id, w.first_contact_company_id, w.created_at, w.contacted_on, w.signed_on,
          w.construction_on, w.production_on, w.last_activity_on, w.status, w.total_investment_wan)
      UNION ALL
      SELECT f.*, 1, f.investment_wan
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      CROSS JOIN LATERAL project_day_facts(w.id, w.zone_id, w.company_id, w.first_contact_company_id, w.created_at, w.contacted_on,
        w.signed_on, w.construction_on, w.production_on, w.last_activity_on, w.status, w.total_investment_wan) f
      WHERE (o.zone_id, o.company_id, o.first_contact_company_id, o.created_at, o.contacted_on, o.signed_on, o.construction_on,
          o.production_on, o.last_activity_on, o.status, o.total_investment_wan)
        IS DISTINCT FROM (w.zone_id, w.company_id, w.first_contact_company_id, w.created_at, w.contacted_on, w.signed_on,
          w.construction_on, w.production_on, w.last_activity_on, w.status, w.total_investment_wan)
    ) delta
    GROUP BY zone_id, basis, measure, grain, period_on, company_id, evidenced
    HAVING sum(n) <> 0 OR sum(inv) <> 0
    ORDER BY zone_id, basis, measure, grain, period_on, company_id, evidenced
    ON CONFLICT (zone_id, basis, measure, grain, period_on, company_id, evidenced) DO UPDATE
      SET projects = r.projects + excluded.projects, investment_wan = r.investment_wan + excluded.investment_wan;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A deleted project is taken out row by row BEFORE it goes: its evidence is deleted with it (foreign key, cascade)
-- before any statement-level trigger could look, so only now can its rows be found under the right evidence flag.
-- Projects are deleted by hand only (the app never does), so the per-row cost does not matter.
CREATE FUNCTION project_day_rollups_project_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO project_day_rollups AS r (zone_id, basis, measure, grain, period_on, company_id, evidenced, projects, investment_wan)
  SELECT f.zone_id, f.basis, f.measure, f.grain, f.period_on, f.company_id, f.evidenced, -count(*), -sum(f.investment_wan)
  FROM project_day_facts(OLD.id, OLD.zone_id, OLD.company_id, OLD.first_contact_company_id, OLD.created_at, OLD.contacted_on,
    OLD.signed_on, OLD.construction_on, OLD.production_on, OLD.last_activity_on, OLD.status, OLD.total_investment_wan) f
  GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (zone_id, basis, measure, grain, period_on, company_id, evidenced) DO UPDATE
    SET projects = r.projects + excluded.projects, investment_wan = r.investment_wan + excluded.investment_wan;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER project_day_rollups_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_day_rollups_projects();
--> statement-breakpoint
CREATE TRIGGER project_day_rollups_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_day_rollups_projects();
--> statement-breakpoint
CREATE TRIGGER project_day_rollups_delete BEFORE DELETE ON projects FOR EACH ROW EXECUTE FUNCTION project_day_rollups_project_delete();
--> statement-breakpoint
-- Evidence added, removed or moved: for each (project, milestone) whose evidence went from none to some or back, the
-- project's rows of that milestone move to the other flag. Writers of one project's evidence queue on the project's
-- row first, so the count of its attachments sees every committed one (READ COMMITTED takes a snapshot per statement).
-- A project deleted with its evidence is already gone from projects and was taken out by the delete trigger above.
CREATE FUNCTION project_day_rollups_attachments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pids integer[];
  stages text[];
  deltas integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(project_id), array_agg(stage), array_agg(n) INTO pids, stages, deltas FROM (
      SELECT project_id, stage::text AS stage, count(*)::int AS n FROM new_rows
      WHERE stage IN ('signed', 'construction', 'production') GROUP BY 1, 2) c;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(project_id), array_agg(stage), array_agg(n) INTO pids, stages, deltas FROM (
      SELECT project_id, stage::text AS stage, -count(*)::int AS n FROM old_rows
      WHERE stage IN ('signed', 'construction', 'production') GROUP BY 1, 2) c;
  ELSE
    SELECT array_agg(project_id), array_agg(stage), array_agg(n) INTO pids, stages, deltas FROM (
      SELECT project_id, stage::text AS stage, sum(n)::int AS n
      FROM (SELECT project_id, stage, 1 AS n FROM new_rows UNION ALL SELECT project_id, stage, -1 FROM old_rows) x
      WHERE stage IN ('signed', 'construction', 'production') GROUP BY 1, 2 HAVING sum(n) <> 0) c;
  END IF;
  IF pids IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM projects WHERE id = ANY (pids) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO project_day_rollups AS r (zone_id, basis, measure, grain, period_on, company_id, evidenced, projects, investment_wan)
  WITH changed AS (
    SELECT c.project_id, c.stage, c.n FROM unnest(pids, stages, deltas) AS c (project_id, stage, n)
  ), flipped AS (
    SELECT c.project_id, c.stage FROM changed c
    CROSS JOIN LATERAL (SELECT count(*)::int AS now_n FROM attachments a WHERE a.project_id = c.project_id AND a.stage::text = c.stage) a
    WHERE (a.now_n > 0) <> (a.now_n - c.n > 0)
  ), facts AS (
    SELECT f.* FROM flipped c
    JOIN projects p ON p.id = c.project_id
    CROSS JOIN LATERAL project_day_facts(p.id, p.zone_id, p.company_id, p.first_contact_company_id, p.created_at, p.contacted_on,
      p.signed_on, p.construction_on, p.production_on, p.last_activity_on, p.status, p.total_investment_wan) f
    WHERE f.measure = c.stage
  )
  SELECT zone_id, basis, measure, grain, period_on, company_id, evidenced, sum(n), sum(inv)
  FROM (
    SELECT zone_id, basis, measure, grain, period_on, company_id, evidenced, 1 AS n, investment_wan AS inv FROM facts
    UNION ALL
    SELECT zone_id, basis, measure, grain, period_on, company_id, NOT evidenced, -1, -investment_wan FROM facts
  ) delta
  GROUP BY zone_id, basis, measure, grain, period_on, company_id, evidenced
  ORDER BY zone_id, basis, measure, grain, period_on, company_id, evidenced
  ON CONFLICT (zone_id, basis, measure, grain, period_on, company_id, evidenced) DO UPDATE
    SET projects = r.projects + excluded.projects, investment_wan = r.investment_wan + excluded.investment_wan;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER project_day_rollups_attachment_insert AFTER INSERT ON attachments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_day_rollups_attachments();
--> statement-breakpoint
CREATE TRIGGER project_day_rollups_attachment_update AFTER UPDATE ON attachments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_day_rollups_attachments();
--> statement-breakpoint
CREATE TRIGGER project_day_rollups_attachment_delete AFTER DELETE ON attachments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION project_day_rollups_attachments();
--> statement-breakpoint
INSERT INTO project_day_rollups (zone_id, basis, measure, grain, period_on, company_id, evidenced, projects, investment_wan)
SELECT f.zone_id, f.basis, f.measure, f.grain, f.period_on, f.company_id, f.evidenced, count(*), sum(f.investment_wan)
FROM projects p
CROSS JOIN LATERAL project_day_facts(p.id, p.zone_id, p.company_id, p.first_contact_company_id, p.created_at, p.contacted_on,
  p.signed_on, p.construction_on, p.production_on, p.last_activity_on, p.status, p.total_investment_wan) f
GROUP BY 1, 2, 3, 4, 5, 6, 7;
