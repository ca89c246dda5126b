-- Year rows in project_day_rollups (issue 20, the province at 88 zones): every fact that has a month row now also
-- has a year row (period_on = January 1) summing the months, kept by the same triggers, so a year of the province's
-- 三个一批 reads one row per zone, company, measure and flag instead of twelve, and the year to date reads the year
-- minus the days after it (app/lib/rollup-spans.ts). last_activity stays per day only.
CREATE OR REPLACE FUNCTION project_day_facts(p_id integer, p_zone_id integer, p_company_id integer, p_first_contact_company_id integer,
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
  CROSS JOIN LATERAL (VALUES ('day', m.on_date), ('month', date_trunc('month', m.on_date)::date), ('year', date_trunc('year', m.on_date)::date)) g (grain, period_on)
  WHERE m.on_date IS NOT NULL
    AND (b.basis = 'owner' OR m.measure IN ('signed', 'construction', 'production'))
    AND (g.grain = 'day' OR m.measure <> 'last_activity')
$$;--> statement-breakpoint
-- The year rows of what is there: the sum of each year's month rows.
INSERT INTO project_day_rollups (zone_id, basis, measure, grain, period_on, company_id, evidenced, projects, investment_wan)
SELECT zone_id, basis, measure, 'year', date_trunc('year', period_on)::date, company_id, evidenced, sum(projects), sum(investment_wan)
FROM project_day_rollups
WHERE grain = 'month'
GROUP BY zone_id, basis, measure, date_trunc('year', period_on)::date, company_id, evidenced
HAVING sum(projects) <> 0 OR sum(investment_wan) <> 0;
