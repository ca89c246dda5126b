ALTER TYPE "public"."user_role" ADD VALUE 'province_leader';--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'city_leader';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "city_id" integer;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_city_leader_city_ck" CHECK (("users"."role"::text = 'city_leader') = ("users"."city_id" is not null));