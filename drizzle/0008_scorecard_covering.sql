DROP INDEX "projects_zone_stage_idx";--> statement-breakpoint
DROP INDEX "projects_zone_status_idx";--> statement-breakpoint
DROP INDEX "projects_zone_created_idx";--> statement-breakpoint
CREATE INDEX "projects_zone_stage_idx" ON "projects" USING btree ("zone_id","stage","status","company_id","total_investment_wan");--> statement-breakpoint
CREATE INDEX "projects_zone_status_idx" ON "projects" USING btree ("zone_id","status","company_id","last_activity_on");--> statement-breakpoint
CREATE INDEX "projects_zone_created_idx" ON "projects" USING btree ("zone_id","created_at","company_id");