DROP INDEX "projects_company_stage_idx";--> statement-breakpoint
DROP INDEX "projects_zone_stage_idx";--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "milestone_due_on" date GENERATED ALWAYS AS (least(case when stage < 'signed' then planned_sign_on end, case when stage < 'construction' then planned_construction_on end, case when stage < 'production' then planned_production_on end)) STORED;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "quiet_since_on" date GENERATED ALWAYS AS (coalesce(last_activity_on, (created_at at time zone 'Asia/Shanghai')::date)) STORED;--> statement-breakpoint
CREATE INDEX "projects_company_due_idx" ON "projects" USING btree ("zone_id","company_id","milestone_due_on","id") WHERE status <> 'lost';--> statement-breakpoint
CREATE INDEX "projects_zone_due_idx" ON "projects" USING btree ("zone_id","milestone_due_on","id") WHERE status <> 'lost';--> statement-breakpoint
CREATE INDEX "projects_company_next_action_idx" ON "projects" USING btree ("zone_id","company_id","next_action_on","id") WHERE status <> 'lost';--> statement-breakpoint
CREATE INDEX "projects_company_quiet_idx" ON "projects" USING btree ("zone_id","company_id","quiet_since_on","id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "projects_company_stage_idx" ON "projects" USING btree ("company_id","stage","id");--> statement-breakpoint
CREATE INDEX "projects_zone_stage_idx" ON "projects" USING btree ("zone_id","stage","id");--> statement-breakpoint
-- hand-written below
-- The planner needs the new columns' statistics before autovacuum gets to them (the columns rewrote the table).
ANALYZE "projects";
