CREATE TABLE "zone_ranking_weight_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "zone_ranking_weight_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version" integer NOT NULL,
	"weights" jsonb NOT NULL,
	"note" text,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "zone_ranking_weight_sets" ADD CONSTRAINT "zone_ranking_weight_sets_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "zone_ranking_weight_sets_version_uq" ON "zone_ranking_weight_sets" USING btree ("version");--> statement-breakpoint
CREATE INDEX "zone_ranking_weight_sets_created_by_idx" ON "zone_ranking_weight_sets" USING btree ("created_by_id");