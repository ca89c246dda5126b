CREATE TABLE "investor_key_zones" (
	"group_key" text NOT NULL,
	"zone_id" integer NOT NULL,
	"projects" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "investor_key_zones_group_key_zone_id_pk" PRIMARY KEY("group_key","zone_id")
);
--> statement-breakpoint
CREATE TABLE "investor_keys" (
	"group_key" text PRIMARY KEY NOT NULL,
	"zones" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "investor_keys_shared_idx" ON "investor_keys" USING btree ("zones" desc,"group_key") WHERE "investor_keys"."zones" >= 2;--> statement-breakpoint
-- The province's shared-investor list (issue 20, decision 034). An investor is grouped across zones by its
-- 统一社会信用代码, else by its name without spaces, full-width brackets as half-width, Latin letters in lower case
-- (app/modules/investors/shared-investors.server.ts uses this function too, so the index below answers it).
CREATE FUNCTION investor_group_key(uscc text, name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce('c:' || uscc, 'n:' || regexp_replace(lower(translate(name, '（）', '()')), '\s+', '', 'g'))
$$;
--> statement-breakpoint
CREATE INDEX "investors_group_key_idx" ON "investors" USING btree (investor_group_key("uscc", "name"));
--> statement-breakpoint
-- Applies per (group key, zone) deltas of followed projects (not lost), then recounts the zones of each key touched.
-- The key rows are locked first (in key order, as every writer does), so whoever commits last recounts after the
-- others' rows are visible: the recount is a separate statement with its own snapshot.
CREATE FUNCTION investor_keys_apply(deltas jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  touched text[];
BEGIN
  WITH d AS (
    SELECT e->>'k' AS group_key, (e->>'z')::int AS zone_id, (e->>'n')::int AS n FROM jsonb_array_elements(deltas) e
  ), locked AS (
    INSERT INTO investor_keys AS k (group_key, zones)
    SELECT DISTINCT group_key, 0 FROM d ORDER BY 1
    ON CONFLICT (group_key) DO UPDATE SET zones = k.zones
    RETURNING k.group_key
  )
  SELECT array_agg(group_key) INTO touched FROM locked;
  INSERT INTO investor_key_zones AS r (group_key, zone_id, projects)
  SELECT e->>'k', (e->>'z')::int, (e->>'n')::int FROM jsonb_array_elements(deltas) e ORDER BY 1, 2
  ON CONFLICT (group_key, zone_id) DO UPDATE SET projects = r.projects + excluded.projects;
  UPDATE investor_keys k SET zones = c.n
  FROM (
    SELECT t.group_key, count(z.id)::int AS n
    FROM unnest(touched) t(group_key)
    LEFT JOIN investor_key_zones r ON r.group_key = t.group_key AND r.projects > 0
    LEFT JOIN zones z ON z.id = r.zone_id AND NOT z.province
    GROUP BY t.group_key
  ) c
  WHERE k.group_key = c.group_key AND k.zones <> c.n;
END;
$$;
--> statement-breakpoint
-- Projects: a project counts for its investor's key in its zone while it is not lost. The investors are read FOR
-- SHARE, so a concurrent rename of an investor waits (or is waited for) and no project is counted under a stale key.
CREATE FUNCTION investor_key_zones_projects() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  WITH raw AS (
    SELECT investor_id, zone_id, 1 AS n FROM new_rows WHERE status <> 'lost'
    UNION ALL
    SELECT investor_id, zone_id, -1 FROM old_rows WHERE status <> 'lost'
  ), per_investor AS (
    SELECT investor_id, zone_id, sum(n)::int AS n FROM raw GROUP BY investor_id, zone_id HAVING sum(n) <> 0
  ), keys AS (
    SELECT i.id, investor_group_key(i.uscc, i.name) AS group_key
    FROM investors i WHERE i.id IN (SELECT investor_id FROM per_investor) FOR SHARE
  )
  SELECT jsonb_agg(jsonb_build_object('k', group_key, 'z', zone_id, 'n', n)) INTO deltas
  FROM (
    SELECT k.group_key, p.zone_id, sum(p.n)::int AS n
    FROM per_investor p JOIN keys k ON k.id = p.investor_id
    GROUP BY k.group_key, p.zone_id HAVING sum(p.n) <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM investor_keys_apply(deltas); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Insert and delete see only one transition table each: their own functions.
CREATE FUNCTION investor_key_zones_projects_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  WITH per_investor AS (
    SELECT investor_id, zone_id, count(*)::int AS n FROM new_rows WHERE status <> 'lost' GROUP BY investor_id, zone_id
  ), keys AS (
    SELECT i.id, investor_group_key(i.uscc, i.name) AS group_key
    FROM investors i WHERE i.id IN (SELECT investor_id FROM per_investor) FOR SHARE
  )
  SELECT jsonb_agg(jsonb_build_object('k', group_key, 'z', zone_id, 'n', n)) INTO deltas
  FROM (SELECT k.group_key, p.zone_id, sum(p.n)::int AS n FROM per_investor p JOIN keys k ON k.id = p.investor_id GROUP BY 1, 2) g;
  IF deltas IS NOT NULL THEN PERFORM investor_keys_apply(deltas); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION investor_key_zones_projects_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  WITH per_investor AS (
    SELECT investor_id, zone_id, -count(*)::int AS n FROM old_rows WHERE status <> 'lost' GROUP BY investor_id, zone_id
  ), keys AS (
    SELECT i.id, investor_group_key(i.uscc, i.name) AS group_key
    FROM investors i WHERE i.id IN (SELECT investor_id FROM per_investor) FOR SHARE
  )
  SELECT jsonb_agg(jsonb_build_object('k', group_key, 'z', zone_id, 'n', n)) INTO deltas
  FROM (SELECT k.group_key, p.zone_id, sum(p.n)::int AS n FROM per_investor p JOIN keys k ON k.id = p.investor_id GROUP BY 1, 2) g;
  IF deltas IS NOT NULL THEN PERFORM investor_keys_apply(deltas); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER investor_key_zones_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION investor_key_zones_projects_insert();
--> statement-breakpoint
CREATE TRIGGER investor_key_zones_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION investor_key_zones_projects();
--> statement-breakpoint
CREATE TRIGGER investor_key_zones_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION investor_key_zones_projects_delete();
--> statement-breakpoint
-- Investors: a changed code or name moves the investor's followed projects from its old key to its new one.
CREATE FUNCTION investor_key_zones_investors() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  WITH moved AS (
    SELECT o.id, investor_group_key(o.uscc, o.name) AS old_key, investor_group_key(w.uscc, w.name) AS new_key
    FROM old_rows o JOIN new_rows w ON w.id = o.id
    WHERE investor_group_key(o.uscc, o.name) IS DISTINCT FROM investor_group_key(w.uscc, w.name)
  ), counted AS (
    SELECT m.old_key, m.new_key, p.zone_id, count(*)::int AS n
    FROM moved m JOIN projects p ON p.investor_id = m.id AND p.status <> 'lost'
    GROUP BY 1, 2, 3
  )
  SELECT jsonb_agg(jsonb_build_object('k', group_key, 'z', zone_id, 'n', n)) INTO deltas
  FROM (
    SELECT group_key, zone_id, sum(n)::int AS n FROM (
      SELECT old_key AS group_key, zone_id, -n AS n FROM counted
      UNION ALL
      SELECT new_key, zone_id, n FROM counted
    ) x GROUP BY 1, 2 HAVING sum(n) <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM investor_keys_apply(deltas); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER investor_key_zones_investors AFTER UPDATE ON investors REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION investor_key_zones_investors();
--> statement-breakpoint
INSERT INTO investor_key_zones (group_key, zone_id, projects)
SELECT investor_group_key(i.uscc, i.name), p.zone_id, count(*)::int
FROM projects p JOIN investors i ON i.id = p.investor_id
WHERE p.status <> 'lost'
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO investor_keys (group_key, zones)
SELECT r.group_key, count(z.id)::int
FROM investor_key_zones r LEFT JOIN zones z ON z.id = r.zone_id AND NOT z.province AND r.projects > 0
GROUP BY r.group_key;
--> statement-breakpoint
-- An investor's projects with what the shared-investor list shows per zone, index-only (the list's first page is
-- the most-followed investors: thousands of projects read from the heap one by one otherwise).
DROP INDEX "projects_investor_idx";
--> statement-breakpoint
CREATE INDEX "projects_investor_idx" ON "projects" USING btree ("investor_id","status","zone_id","stage","confidential","contacted_on","created_at");
--> statement-breakpoint
-- The province's ranking: each zone's signings of a period and how many are registered or later, index-only.
DROP INDEX "projects_zone_signed_on_idx";
--> statement-breakpoint
CREATE INDEX "projects_zone_signed_on_idx" ON "projects" USING btree ("zone_id","signed_on","company_id","first_contact_company_id","total_investment_wan","contacted_on","stage");
