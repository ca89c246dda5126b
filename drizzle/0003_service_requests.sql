CREATE TYPE "public"."service_request_event_kind" AS ENUM('logged', 'assigned', 'note', 'solved', 'reopened');--> statement-breakpoint
CREATE TABLE "service_deadlines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_deadlines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"type" "service_request_type" NOT NULL,
	"days" integer NOT NULL,
	"updated_by_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_request_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_request_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"kind" "service_request_event_kind" NOT NULL,
	"actor_id" integer NOT NULL,
	"text" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "hotline" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "zone_id" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "logged_by_company_id" integer;--> statement-breakpoint
ALTER TABLE "service_deadlines" ADD CONSTRAINT "service_deadlines_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_deadlines" ADD CONSTRAINT "service_deadlines_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_deadlines_zone_type_uq" ON "service_deadlines" USING btree ("zone_id","type");--> statement-breakpoint
CREATE INDEX "service_deadlines_updated_by_idx" ON "service_deadlines" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "service_request_events_request_idx" ON "service_request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "service_request_events_actor_idx" ON "service_request_events" USING btree ("actor_id");--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_logged_by_company_id_companies_id_fk" FOREIGN KEY ("logged_by_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_requests_zone_idx" ON "service_requests" USING btree ("zone_id","received_on");--> statement-breakpoint
CREATE INDEX "service_requests_logged_by_company_idx" ON "service_requests" USING btree ("logged_by_company_id");--> statement-breakpoint
CREATE INDEX "service_requests_due_idx" ON "service_requests" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "service_requests_solved_idx" ON "service_requests" USING btree ("solved_on");