DROP INDEX "projects_zone_signed_on_idx";--> statement-breakpoint
DROP INDEX "projects_zone_construction_on_idx";--> statement-breakpoint
DROP INDEX "projects_zone_production_on_idx";--> statement-breakpoint
CREATE INDEX "projects_zone_signed_on_idx" ON "projects" USING btree ("zone_id","signed_on","company_id","first_contact_company_id","total_investment_wan");--> statement-breakpoint
CREATE INDEX "projects_zone_construction_on_idx" ON "projects" USING btree ("zone_id","construction_on","company_id","first_contact_company_id","total_investment_wan");--> statement-breakpoint
CREATE INDEX "projects_zone_production_on_idx" ON "projects" USING btree ("zone_id","production_on","company_id","first_contact_company_id","total_investment_wan");