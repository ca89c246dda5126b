DROP INDEX "projects_company_id_idx";--> statement-breakpoint
CREATE INDEX "project_holdings_former_idx" ON "project_holdings" USING btree ("company_id","project_id") WHERE "project_holdings"."until_on" is not null;--> statement-breakpoint
CREATE INDEX "projects_company_updated_idx" ON "projects" USING btree ("company_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "projects_company_code_idx" ON "projects" USING btree ("company_id","code","id");--> statement-breakpoint
CREATE INDEX "projects_company_name_idx" ON "projects" USING btree ("company_id","name","id");--> statement-breakpoint
CREATE INDEX "projects_company_investment_idx" ON "projects" USING btree ("company_id","total_investment_wan" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "projects_company_last_activity_idx" ON "projects" USING btree ("company_id","last_activity_on" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "projects_company_next_action_sort_idx" ON "projects" USING btree ("company_id","next_action_on" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "projects_company_signed_idx" ON "projects" USING btree ("company_id","signed_on" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "handoffs_to_company_kind_idx" ON "handoffs" USING btree ("to_company_id","kind","status","project_id");--> statement-breakpoint
CREATE INDEX "projects_company_id_idx" ON "projects" USING btree ("company_id","id","zone_id","confidential","owner_id");