CREATE TYPE "public"."activity_kind" AS ENUM('call', 'visit', 'site_visit', 'negotiation', 'review_meeting', 'signing', 'other');--> statement-breakpoint
CREATE TYPE "public"."assist_need" AS ENUM('financing', 'land', 'factory', 'registration', 'other');--> statement-breakpoint
CREATE TYPE "public"."company_kind" AS ENUM('committee', 'attraction', 'service', 'platform');--> statement-breakpoint
CREATE TYPE "public"."handoff_kind" AS ENUM('transfer', 'assist');--> statement-breakpoint
CREATE TYPE "public"."handoff_status" AS ENUM('pending', 'accepted', 'rejected', 'cancelled', 'closed');--> statement-breakpoint
CREATE TYPE "public"."investment_type" AS ENUM('new', 'expansion', 'upgrade');--> statement-breakpoint
CREATE TYPE "public"."lost_reason" AS ENUM('other_location', 'investor_withdrew', 'policy_not_met', 'failed_review', 'other');--> statement-breakpoint
CREATE TYPE "public"."project_event_kind" AS ENUM('created', 'imported', 'stage', 'status', 'owner');--> statement-breakpoint
CREATE TYPE "public"."project_stage" AS ENUM('lead', 'contacted', 'negotiating', 'evaluating', 'signed', 'registered', 'construction', 'production');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('active', 'on_hold', 'lost');--> statement-breakpoint
CREATE TYPE "public"."review_outcome" AS ENUM('approved', 'rejected', 'another_round');--> statement-breakpoint
CREATE TYPE "public"."service_request_channel" AS ENUM('hotline', 'visit', 'owner');--> statement-breakpoint
CREATE TYPE "public"."service_request_status" AS ENUM('open', 'assigned', 'solved', 'reopened');--> statement-breakpoint
CREATE TYPE "public"."service_request_type" AS ENUM('permits', 'utilities', 'land', 'policy_funds', 'hiring', 'finance', 'other');--> statement-breakpoint
CREATE TYPE "public"."source_channel" AS ENUM('business_referral', 'resident_office', 'exhibition', 'agency', 'online', 'walk_in', 'fund', 'other');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('staff', 'manager', 'leader', 'admin');--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clusters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "companies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"kind" "company_kind" NOT NULL,
	"cluster_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "zones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "zones_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"login" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"company_id" integer,
	"login" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investor_contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "investor_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"investor_id" integer NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"mobile" text,
	"email" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "investors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"name" text NOT NULL,
	"uscc" text,
	"region" text,
	"industry" text,
	"website" text,
	"notes" text,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"kind" "project_event_kind" NOT NULL,
	"from_stage" "project_stage",
	"to_stage" "project_stage",
	"from_status" "project_status",
	"to_status" "project_status",
	"from_owner_id" integer,
	"to_owner_id" integer,
	"business_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "project_holdings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_holdings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"from_on" date NOT NULL,
	"until_on" date
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"investor_id" integer NOT NULL,
	"investor_contact_id" integer,
	"cluster_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"owner_id" integer,
	"first_contact_company_id" integer,
	"source_channel" "source_channel",
	"content" text,
	"investment_type" "investment_type",
	"stage" "project_stage" DEFAULT 'lead' NOT NULL,
	"status" "project_status" DEFAULT 'active' NOT NULL,
	"lost_reason" "lost_reason",
	"status_note" text,
	"planned_investment_wan" numeric(16, 2),
	"contracted_investment_wan" numeric(16, 2),
	"total_investment_wan" numeric(16, 2) GENERATED ALWAYS AS (coalesce(contracted_investment_wan, planned_investment_wan)) STORED,
	"foreign_investment_usd_wan" numeric(16, 2),
	"fixed_asset_investment_wan" numeric(16, 2),
	"land_mu" numeric(12, 2),
	"annual_output_wan" numeric(16, 2),
	"annual_tax_wan" numeric(16, 2),
	"jobs" integer,
	"planned_sign_on" date,
	"planned_construction_on" date,
	"planned_production_on" date,
	"contacted_on" date,
	"review_on" date,
	"review_outcome" "review_outcome",
	"agreement_no" text,
	"signed_on" date,
	"project_company_name" text,
	"project_company_uscc" text,
	"registered_on" date,
	"construction_on" date,
	"production_on" date,
	"last_activity_on" date,
	"next_action_on" date,
	"next_action" text,
	"confidential" boolean DEFAULT false NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"kind" "activity_kind" NOT NULL,
	"occurred_on" date NOT NULL,
	"summary" text NOT NULL,
	"review_outcome" "review_outcome",
	"terms" jsonb,
	"next_action" text,
	"next_action_due_on" date,
	"next_action_done_at" timestamp with time zone,
	"created_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_contacts" (
	"activity_id" integer NOT NULL,
	"contact_id" integer NOT NULL,
	CONSTRAINT "activity_contacts_activity_id_contact_id_pk" PRIMARY KEY("activity_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "activity_users" (
	"activity_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "activity_users_activity_id_user_id_pk" PRIMARY KEY("activity_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "handoffs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "handoffs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"kind" "handoff_kind" NOT NULL,
	"status" "handoff_status" DEFAULT 'pending' NOT NULL,
	"from_company_id" integer NOT NULL,
	"to_company_id" integer NOT NULL,
	"requested_by_id" integer NOT NULL,
	"reason" text NOT NULL,
	"need" "assist_need",
	"wished_by_on" date,
	"answered_by_id" integer,
	"answered_at" timestamp with time zone,
	"answer_note" text,
	"assignee_id" integer,
	"outcome" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annual_targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "annual_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"year" integer NOT NULL,
	"signed_count" integer DEFAULT 0 NOT NULL,
	"signed_investment_wan" numeric(16, 2) DEFAULT '0' NOT NULL,
	"construction_count" integer DEFAULT 0 NOT NULL,
	"production_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"stage" "project_stage",
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by_id" integer NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"zone_id" integer,
	"actor_id" integer,
	"entity" text NOT NULL,
	"entity_id" integer NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"channel" "service_request_channel" NOT NULL,
	"type" "service_request_type" NOT NULL,
	"raised_by" text,
	"description" text NOT NULL,
	"urgent" smallint DEFAULT 0 NOT NULL,
	"handling_company_id" integer NOT NULL,
	"handler_id" integer,
	"status" "service_request_status" DEFAULT 'open' NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"solved_on" date,
	"resolution" text,
	"satisfaction" smallint,
	"satisfaction_comment" text,
	"created_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investor_contacts" ADD CONSTRAINT "investor_contacts_investor_id_investors_id_fk" FOREIGN KEY ("investor_id") REFERENCES "public"."investors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investors" ADD CONSTRAINT "investors_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investors" ADD CONSTRAINT "investors_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_from_owner_id_users_id_fk" FOREIGN KEY ("from_owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_to_owner_id_users_id_fk" FOREIGN KEY ("to_owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_holdings" ADD CONSTRAINT "project_holdings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_holdings" ADD CONSTRAINT "project_holdings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_investor_id_investors_id_fk" FOREIGN KEY ("investor_id") REFERENCES "public"."investors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_investor_contact_id_investor_contacts_id_fk" FOREIGN KEY ("investor_contact_id") REFERENCES "public"."investor_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_first_contact_company_id_companies_id_fk" FOREIGN KEY ("first_contact_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_contacts" ADD CONSTRAINT "activity_contacts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_contacts" ADD CONSTRAINT "activity_contacts_contact_id_investor_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."investor_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_users" ADD CONSTRAINT "activity_users_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_users" ADD CONSTRAINT "activity_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_from_company_id_companies_id_fk" FOREIGN KEY ("from_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_to_company_id_companies_id_fk" FOREIGN KEY ("to_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_answered_by_id_users_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_targets" ADD CONSTRAINT "annual_targets_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_targets" ADD CONSTRAINT "annual_targets_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_targets" ADD CONSTRAINT "annual_targets_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_handling_company_id_companies_id_fk" FOREIGN KEY ("handling_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_handler_id_users_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clusters_zone_name_uq" ON "clusters" USING btree ("zone_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_zone_name_uq" ON "companies" USING btree ("zone_id","name");--> statement-breakpoint
CREATE INDEX "companies_cluster_idx" ON "companies" USING btree ("cluster_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_uq" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "login_attempts_login_idx" ON "login_attempts" USING btree ("login","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_login_uq" ON "users" USING btree ("login");--> statement-breakpoint
CREATE INDEX "users_zone_idx" ON "users" USING btree ("zone_id");--> statement-breakpoint
CREATE INDEX "users_company_idx" ON "users" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "investor_contacts_investor_idx" ON "investor_contacts" USING btree ("investor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "investors_zone_uscc_uq" ON "investors" USING btree ("zone_id","uscc") WHERE "investors"."uscc" is not null;--> statement-breakpoint
CREATE INDEX "investors_zone_name_idx" ON "investors" USING btree ("zone_id","name");--> statement-breakpoint
CREATE INDEX "investors_name_trgm_idx" ON "investors" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "investors_created_by_idx" ON "investors" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "project_events_project_idx" ON "project_events" USING btree ("project_id","recorded_at");--> statement-breakpoint
CREATE INDEX "project_events_actor_idx" ON "project_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "project_events_from_owner_idx" ON "project_events" USING btree ("from_owner_id");--> statement-breakpoint
CREATE INDEX "project_events_to_owner_idx" ON "project_events" USING btree ("to_owner_id");--> statement-breakpoint
CREATE INDEX "project_holdings_project_idx" ON "project_holdings" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_holdings_company_idx" ON "project_holdings" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_zone_code_uq" ON "projects" USING btree ("zone_id","code");--> statement-breakpoint
CREATE INDEX "projects_zone_id_idx" ON "projects" USING btree ("zone_id","id");--> statement-breakpoint
CREATE INDEX "projects_company_id_idx" ON "projects" USING btree ("company_id","id");--> statement-breakpoint
CREATE INDEX "projects_company_stage_idx" ON "projects" USING btree ("company_id","stage");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects" USING btree ("owner_id","id");--> statement-breakpoint
CREATE INDEX "projects_investor_idx" ON "projects" USING btree ("investor_id");--> statement-breakpoint
CREATE INDEX "projects_investor_contact_idx" ON "projects" USING btree ("investor_contact_id");--> statement-breakpoint
CREATE INDEX "projects_cluster_idx" ON "projects" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "projects_first_contact_company_idx" ON "projects" USING btree ("first_contact_company_id");--> statement-breakpoint
CREATE INDEX "projects_created_by_idx" ON "projects" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "projects_zone_stage_idx" ON "projects" USING btree ("zone_id","stage");--> statement-breakpoint
CREATE INDEX "projects_zone_status_idx" ON "projects" USING btree ("zone_id","status");--> statement-breakpoint
CREATE INDEX "projects_zone_signed_on_idx" ON "projects" USING btree ("zone_id","signed_on");--> statement-breakpoint
CREATE INDEX "projects_zone_construction_on_idx" ON "projects" USING btree ("zone_id","construction_on");--> statement-breakpoint
CREATE INDEX "projects_zone_production_on_idx" ON "projects" USING btree ("zone_id","production_on");--> statement-breakpoint
CREATE INDEX "projects_zone_updated_idx" ON "projects" USING btree ("zone_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "projects_name_trgm_idx" ON "projects" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "activities_project_idx" ON "activities" USING btree ("project_id","occurred_on");--> statement-breakpoint
CREATE INDEX "activities_company_idx" ON "activities" USING btree ("company_id","occurred_on");--> statement-breakpoint
CREATE INDEX "activities_created_by_idx" ON "activities" USING btree ("created_by_id","occurred_on");--> statement-breakpoint
CREATE INDEX "activities_next_action_idx" ON "activities" USING btree ("next_action_due_on");--> statement-breakpoint
CREATE INDEX "activity_contacts_contact_idx" ON "activity_contacts" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "activity_users_user_idx" ON "activity_users" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "handoffs_project_idx" ON "handoffs" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "handoffs_from_company_idx" ON "handoffs" USING btree ("from_company_id","status");--> statement-breakpoint
CREATE INDEX "handoffs_to_company_idx" ON "handoffs" USING btree ("to_company_id","status");--> statement-breakpoint
CREATE INDEX "handoffs_requested_by_idx" ON "handoffs" USING btree ("requested_by_id");--> statement-breakpoint
CREATE INDEX "handoffs_answered_by_idx" ON "handoffs" USING btree ("answered_by_id");--> statement-breakpoint
CREATE INDEX "handoffs_assignee_idx" ON "handoffs" USING btree ("assignee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "annual_targets_company_year_uq" ON "annual_targets" USING btree ("company_id","year");--> statement-breakpoint
CREATE INDEX "annual_targets_zone_year_idx" ON "annual_targets" USING btree ("zone_id","year");--> statement-breakpoint
CREATE INDEX "annual_targets_updated_by_idx" ON "annual_targets" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "attachments_project_idx" ON "attachments" USING btree ("project_id","stage");--> statement-breakpoint
CREATE INDEX "attachments_uploaded_by_idx" ON "attachments" USING btree ("uploaded_by_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_zone_idx" ON "audit_log" USING btree ("zone_id","at");--> statement-breakpoint
CREATE INDEX "service_requests_project_idx" ON "service_requests" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "service_requests_handling_company_idx" ON "service_requests" USING btree ("handling_company_id","status");--> statement-breakpoint
CREATE INDEX "service_requests_handler_idx" ON "service_requests" USING btree ("handler_id");--> statement-breakpoint
CREATE INDEX "service_requests_created_by_idx" ON "service_requests" USING btree ("created_by_id");