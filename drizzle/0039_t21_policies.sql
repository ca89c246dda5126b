CREATE TABLE "policies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "policies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"company_id" integer,
	"code" text,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"document_no" text,
	"valid_from" date,
	"valid_to" date,
	"benefit" text NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" integer,
	"updated_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_benefits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "policy_benefits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"policy_id" integer NOT NULL,
	"promised_wan" numeric(16, 2) NOT NULL,
	"promised_on" date NOT NULL,
	"delivered_wan" numeric(16, 2),
	"delivered_on" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" integer NOT NULL,
	"updated_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "voltage_kv" numeric(7, 2);--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "benefit_id" integer;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_benefits" ADD CONSTRAINT "policy_benefits_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_benefits" ADD CONSTRAINT "policy_benefits_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_benefits" ADD CONSTRAINT "policy_benefits_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_benefits" ADD CONSTRAINT "policy_benefits_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policies_zone_idx" ON "policies" USING btree ("zone_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "policies_zone_code_uq" ON "policies" USING btree ("zone_id","code");--> statement-breakpoint
CREATE INDEX "policies_company_idx" ON "policies" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "policies_created_by_idx" ON "policies" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "policies_updated_by_idx" ON "policies" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "policy_benefits_project_idx" ON "policy_benefits" USING btree ("project_id","promised_on");--> statement-breakpoint
CREATE INDEX "policy_benefits_policy_idx" ON "policy_benefits" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "policy_benefits_created_by_idx" ON "policy_benefits" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "policy_benefits_updated_by_idx" ON "policy_benefits" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "policy_benefits_owed_idx" ON "policy_benefits" USING btree ("promised_on") WHERE delivered_on is null or delivered_wan < promised_wan;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_benefit_id_policy_benefits_id_fk" FOREIGN KEY ("benefit_id") REFERENCES "public"."policy_benefits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_benefit_idx" ON "attachments" USING btree ("benefit_id");--> statement-breakpoint
-- Every existing zone gets the province's power-price policy (new zones get it from fillZoneFromTemplate, db/seed/policies.ts);
-- the province's pseudo-zone holds none.
INSERT INTO "policies" ("zone_id", "code", "title", "issuer", "benefit", "conditions")
SELECT z."id", 'power-price-sei', '战略性新兴产业电价（0.30 元/千瓦时）', '省发展和改革委员会',
  '14 个战略性新兴产业的 110 千伏及以上电力用户，到户电价按 0.30 元/千瓦时执行',
  '[{"fact": "cluster", "op": "in", "values": ["信息技术应用创新", "半导体", "大数据融合创新", "光电", "光伏", "碳基新材料", "特种金属材料", "生物基新材料", "先进轨道交通装备", "煤机智能制造装备", "智能网联新能源汽车", "通用航空", "现代生物医药和大健康", "节能环保"]}, {"fact": "voltageKv", "op": "gte", "value": "110"}]'::jsonb
FROM "zones" z WHERE NOT z."province";
