CREATE TYPE "public"."service_rating_source" AS ENUM('hotline', 'link', 'legacy');--> statement-breakpoint
ALTER TYPE "public"."service_request_event_kind" ADD VALUE 'rated';--> statement-breakpoint
CREATE TABLE "service_rating_links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_rating_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"nonce" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_request_ratings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_request_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"source" "service_rating_source" NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"by_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_request_ratings_score_ck" CHECK ("service_request_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "service_rating_links" ADD CONSTRAINT "service_rating_links_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_ratings" ADD CONSTRAINT "service_request_ratings_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_ratings" ADD CONSTRAINT "service_request_ratings_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_rating_links_token_uq" ON "service_rating_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "service_rating_links_request_idx" ON "service_rating_links" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_request_ratings_request_uq" ON "service_request_ratings" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "service_request_ratings_by_idx" ON "service_request_ratings" USING btree ("by_id");--> statement-breakpoint
-- Ratings the handlers entered when closing (before issue 18) move here as "legacy", dated when the request was solved (decision 016).
INSERT INTO "service_request_ratings" ("request_id", "source", "score", "comment", "by_id", "at")
SELECT "id", 'legacy', "satisfaction", "satisfaction_comment", NULL, coalesce(("solved_on"::timestamp AT TIME ZONE 'Asia/Shanghai'), now())
FROM "service_requests" WHERE "status" = 'solved' AND "satisfaction" BETWEEN 1 AND 5;--> statement-breakpoint
ALTER TABLE "service_requests" DROP COLUMN "satisfaction";--> statement-breakpoint
ALTER TABLE "service_requests" DROP COLUMN "satisfaction_comment";