CREATE TABLE "project_rollups" (
	"zone_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"stage" "project_stage" NOT NULL,
	"status" "project_status" NOT NULL,
	"projects" integer DEFAULT 0 NOT NULL,
	"investment_wan" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "project_rollups_zone_id_company_id_stage_status_pk" PRIMARY KEY("zone_id","company_id","stage","status")
);
--> statement-breakpoint
CREATE INDEX "projects_code_trgm_idx" ON "projects" USING gin ("code" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_zone_investment_idx" ON "projects" USING btree ("zone_id","total_investment_wan" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "scorecard_weight_sets_created_by_idx" ON "scorecard_weight_sets" USING btree ("created_by_id");--> statement-breakpoint
-- project_rollups stays exact in the same transaction as any change to projects: statement-level triggers apply the
-- net change per (zone, company, stage, status), so a 50,000-row import costs one grouped upsert, not 50,000, and
-- an update that moves no project between groups (a note, the last activity date) touches no rollup row at all.
-- Groups are applied in key order so two concurrent statements take the rows' locks in the same order.
CREATE FUNCTION project_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO project_rollups AS r (zone_id, company_id, stage, status, projects, investment_wan)
    SELECT zone_id, company_id, stage, status, count(*), coalesce(sum(total_investment_wan), 0)
    FROM new_rows GROUP BY zone_id, company_id, stage, status ORDER BY zone_id, company_id, stage, status
    ON CONFLICT (zone_id, company_id, stage, status) DO UPDATE
      SET projects = r.projects + excluded.projects, investment_wan = r.investment_wan + excluded.investment_wan;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO project_rollups AS r (zone_id, company_id, stage, status, projects, investment_wan)
    SELECT zone_id, company_id, stage, status, -count(*), -coalesce(sum(total_investment_wan), 0)
    FROM old_rows GROUP BY zone_id, company_id, stage, status ORDER BY zone_id, company_id, stage, status
    ON CONFLICT (zone_id, company_id, stage, status) DO UPDATE
      SET projects = r.projects + excluded.projects, investment_wan = r.investment_wan + excluded.investment_wan;
  ELSE
    INSERT INTO project_rollups AS r (zone_id, company_id, stage, status, projects, investment_wan)
    SELECT zone_id, company_id, stage, status, sum(n), sum(inv)
    FROM (
      SELECT o.zone_id, o.company_id, o.stage, o.status, -1 AS n, -coalesce(o.total_investment_wan, 0) AS inv
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o.zone_id, o.company_id, o.stage, o.status, o.total_investment_wan)
        IS DISTINCT FROM (w.zone_id, w.company_id, w.stage, w.status, w.total_investment_wan)
      UNION ALL
      SELECT w.zone_id, w.company_id, w.stage, w.status, 1, coalesce(w.total_investment_wan, 0)
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o.zone_id, o.company_id, o.stage, o.status, o.total_investment_wan)
        IS DISTINCT FROM (w.zone_id, w.company_id, w.stage, w.status, w.total_investment_wan)
    ) delta
    GROUP BY zone_id, company_id, stage, status
    HAVING sum(n) <> 0 OR sum(inv) <> 0
    ORDER BY zone_id, company_id, stage, status
    ON CONFLICT (zone_id, company_id, stage, status) DO UPDATE
      SET projects = r.projects + excluded.projects, investment_wan = r.investment_wan + excluded.investment_wan;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER project_rollups_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER project_rollups_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER project_rollups_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION project_rollups_apply();
--> statement-breakpoint
INSERT INTO project_rollups (zone_id, company_id, stage, status, projects, investment_wan)
SELECT zone_id, company_id, stage, status, count(*), coalesce(sum(total_investment_wan), 0)
FROM projects GROUP BY zone_id, company_id, stage, status;
--> statement-breakpoint
-- Chinese names are searched by two characters as often as by more (华恒, 光伏), and two characters make no
-- trigram: the names' bigrams, indexed, answer "contains these two characters" without reading every name.
CREATE FUNCTION text_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT lower(substr(t, i, 2))), '{}') FROM generate_series(1, length(t) - 1) AS i
$$;
--> statement-breakpoint
CREATE INDEX projects_name_bigrams_idx ON projects USING gin (text_bigrams(name));
--> statement-breakpoint
CREATE INDEX investors_name_bigrams_idx ON investors USING gin (text_bigrams(name));
