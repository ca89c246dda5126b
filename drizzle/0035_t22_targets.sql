CREATE TABLE "chain_targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chain_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"cluster_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"link_id" integer,
	"name" text NOT NULL,
	"uscc" text,
	"hq_city" text,
	"reason" text NOT NULL,
	"note" text,
	"assignee_id" integer,
	"planned_contact_on" date,
	"created_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"investor_id" integer,
	"project_id" integer,
	"converted_by_id" integer,
	"converted_at" timestamp with time zone,
	CONSTRAINT "chain_targets_reason_ck" CHECK ("chain_targets"."reason" in ('leader', 'supplier', 'other'))
);
--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_link_id_chain_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."chain_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_investor_id_investors_id_fk" FOREIGN KEY ("investor_id") REFERENCES "public"."investors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_converted_by_id_users_id_fk" FOREIGN KEY ("converted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chain_targets_zone_idx" ON "chain_targets" USING btree ("zone_id","cluster_id");--> statement-breakpoint
CREATE INDEX "chain_targets_company_idx" ON "chain_targets" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "chain_targets_cluster_idx" ON "chain_targets" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "chain_targets_link_idx" ON "chain_targets" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "chain_targets_assignee_idx" ON "chain_targets" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "chain_targets_created_by_idx" ON "chain_targets" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "chain_targets_investor_idx" ON "chain_targets" USING btree ("investor_id");--> statement-breakpoint
CREATE INDEX "chain_targets_converted_by_idx" ON "chain_targets" USING btree ("converted_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chain_targets_project_uq" ON "chain_targets" USING btree ("project_id");