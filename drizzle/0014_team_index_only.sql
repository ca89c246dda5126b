DROP INDEX "projects_zone_milestones_idx";--> statement-breakpoint
DROP INDEX "activities_company_idx";--> statement-breakpoint
CREATE INDEX "projects_zone_milestones_idx" ON "projects" USING btree ("zone_id","company_id","contacted_on","signed_on","construction_on","production_on","owner_id","status","total_investment_wan","next_action_on","milestone_due_on");--> statement-breakpoint
CREATE INDEX "activities_company_idx" ON "activities" USING btree ("company_id","occurred_on","created_by_id");