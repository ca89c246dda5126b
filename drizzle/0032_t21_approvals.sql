CREATE TABLE "approval_blockers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "approval_blockers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"approval_id" integer NOT NULL,
	"note" text NOT NULL,
	"logged_by_id" integer NOT NULL,
	"logged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalated_by_id" integer,
	"escalation_due_on" date,
	"resolved_at" timestamp with time zone,
	"resolved_by_id" integer,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "approval_catalogue" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "approval_catalogue_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"authority" text NOT NULL,
	"allowed_days" integer NOT NULL,
	"commitment" boolean DEFAULT false NOT NULL,
	"required_for_construction" boolean DEFAULT false NOT NULL,
	"applies_new" boolean DEFAULT true NOT NULL,
	"applies_expansion" boolean DEFAULT true NOT NULL,
	"applies_upgrade" boolean DEFAULT true NOT NULL,
	"new_land_only" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_approvals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_approvals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"catalogue_id" integer,
	"name" text NOT NULL,
	"authority" text NOT NULL,
	"allowed_days" integer NOT NULL,
	"commitment" boolean DEFAULT false NOT NULL,
	"required_for_construction" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"agent_id" integer,
	"planned_submit_on" date,
	"planned_approve_on" date,
	"submitted_on" date,
	"accepted_on" date,
	"approved_on" date,
	"not_applicable" boolean DEFAULT false NOT NULL,
	"not_applicable_reason" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_events" ADD COLUMN "gate_override_reason" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "approval_id" integer;--> statement-breakpoint
ALTER TABLE "approval_blockers" ADD CONSTRAINT "approval_blockers_approval_id_project_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."project_approvals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_blockers" ADD CONSTRAINT "approval_blockers_logged_by_id_users_id_fk" FOREIGN KEY ("logged_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_blockers" ADD CONSTRAINT "approval_blockers_escalated_by_id_users_id_fk" FOREIGN KEY ("escalated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_blockers" ADD CONSTRAINT "approval_blockers_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_catalogue" ADD CONSTRAINT "approval_catalogue_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_catalogue" ADD CONSTRAINT "approval_catalogue_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_approvals" ADD CONSTRAINT "project_approvals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_approvals" ADD CONSTRAINT "project_approvals_catalogue_id_approval_catalogue_id_fk" FOREIGN KEY ("catalogue_id") REFERENCES "public"."approval_catalogue"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_approvals" ADD CONSTRAINT "project_approvals_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_approvals" ADD CONSTRAINT "project_approvals_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_blockers_approval_idx" ON "approval_blockers" USING btree ("approval_id");--> statement-breakpoint
CREATE INDEX "approval_blockers_logged_by_idx" ON "approval_blockers" USING btree ("logged_by_id");--> statement-breakpoint
CREATE INDEX "approval_blockers_escalated_by_idx" ON "approval_blockers" USING btree ("escalated_by_id");--> statement-breakpoint
CREATE INDEX "approval_blockers_resolved_by_idx" ON "approval_blockers" USING btree ("resolved_by_id");--> statement-breakpoint
CREATE INDEX "approval_blockers_open_escalations_idx" ON "approval_blockers" USING btree ("escalation_due_on") WHERE escalated_at is not null and resolved_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "approval_catalogue_zone_code_uq" ON "approval_catalogue" USING btree ("zone_id","code");--> statement-breakpoint
CREATE INDEX "approval_catalogue_updated_by_idx" ON "approval_catalogue" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "project_approvals_project_idx" ON "project_approvals" USING btree ("project_id","sort_order");--> statement-breakpoint
CREATE INDEX "project_approvals_catalogue_idx" ON "project_approvals" USING btree ("catalogue_id");--> statement-breakpoint
CREATE INDEX "project_approvals_updated_by_idx" ON "project_approvals" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "project_approvals_agent_idx" ON "project_approvals" USING btree ("agent_id","submitted_on") WHERE approved_on is null and not not_applicable;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_approval_id_project_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."project_approvals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_approval_idx" ON "attachments" USING btree ("approval_id");--> statement-breakpoint
-- Every existing zone gets the default catalogue (new zones get it from fillZoneFromTemplate); the province's pseudo-zone holds none.
INSERT INTO "approval_catalogue" ("zone_id", "code", "name", "authority", "allowed_days", "commitment", "required_for_construction", "applies_new", "applies_expansion", "applies_upgrade", "new_land_only", "sort_order")
SELECT z."id", d.* FROM "zones" z CROSS JOIN (VALUES
  ('registration', '企业设立登记', '市场监督管理局', 1, false, true, true, false, false, false, 1),
  ('filing', '项目备案/核准', '发展改革部门（行政审批局）', 20, false, true, true, true, true, false, 2),
  ('land_preview', '用地预审与选址', '自然资源部门', 20, false, true, true, true, false, true, 3),
  ('land_grant', '土地出让/标准地', '自然资源部门', 30, false, true, true, true, false, true, 4),
  ('land_planning', '建设用地规划许可', '自然资源部门（规划）', 20, false, true, true, true, false, true, 5),
  ('works_planning', '工程规划许可', '自然资源部门（规划）', 20, false, true, true, true, false, false, 6),
  ('construction_permit', '施工许可', '住房和城乡建设部门', 7, false, true, true, true, false, false, 7),
  ('environment', '环评', '生态环境部门', 30, true, true, true, true, true, false, 8),
  ('energy', '能评', '发展改革部门（节能审查）', 20, true, true, true, true, true, false, 9),
  ('safety', '安评', '应急管理部门', 20, true, false, true, true, true, false, 10),
  ('fire_design', '消防设计审查', '住房和城乡建设部门（消防）', 15, false, true, true, true, true, false, 11),
  ('completion', '竣工验收', '住房和城乡建设部门', 15, false, false, true, true, true, false, 12)
) AS d("code", "name", "authority", "allowed_days", "commitment", "required_for_construction", "applies_new", "applies_expansion", "applies_upgrade", "new_land_only", "sort_order")
WHERE NOT z."province";
