ALTER TYPE "public"."user_role" ADD VALUE 'province_admin';--> statement-breakpoint
CREATE TABLE "cities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cities_code_unique" UNIQUE("code"),
	CONSTRAINT "cities_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "zones" ADD COLUMN "city_id" integer;--> statement-breakpoint
ALTER TABLE "zones" ADD COLUMN "province" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "zones_city_idx" ON "zones" USING btree ("city_id");--> statement-breakpoint
CREATE UNIQUE INDEX "zones_one_province_uq" ON "zones" USING btree ("province") WHERE "zones"."province";--> statement-breakpoint
-- The province's 11 prefecture-level cities (山西), reference data every install needs (decision 019).
INSERT INTO "cities" ("code", "name", "sort_order") VALUES
	('taiyuan', '太原', 1),
	('datong', '大同', 2),
	('yangquan', '阳泉', 3),
	('changzhi', '长治', 4),
	('jincheng', '晋城', 5),
	('shuozhou', '朔州', 6),
	('jinzhong', '晋中', 7),
	('yuncheng', '运城', 8),
	('xinzhou', '忻州', 9),
	('linfen', '临汾', 10),
	('lvliang', '吕梁', 11);
