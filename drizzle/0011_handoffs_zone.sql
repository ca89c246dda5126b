-- Generated, then reordered by hand: the unique (zone_id, id) index must exist before the foreign key that
-- references it, and zone_id is added nullable, filled from the projects, then made NOT NULL (below).
DROP INDEX "projects_zone_id_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "projects_zone_id_idx" ON "projects" USING btree ("zone_id","id");--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "zone_id" integer;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_project_zone_fk" FOREIGN KEY ("zone_id","project_id") REFERENCES "public"."projects"("zone_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "handoffs_zone_status_created_idx" ON "handoffs" USING btree ("zone_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "handoffs_zone_created_idx" ON "handoffs" USING btree ("zone_id","created_at","id") WHERE status <> 'pending';--> statement-breakpoint
DROP INDEX "handoffs_project_idx";--> statement-breakpoint
CREATE INDEX "handoffs_project_idx" ON "handoffs" USING btree ("project_id","zone_id");--> statement-breakpoint
-- hand-written below
UPDATE "handoffs" h SET "zone_id" = p."zone_id" FROM "projects" p WHERE p."id" = h."project_id";--> statement-breakpoint
ALTER TABLE "handoffs" ALTER COLUMN "zone_id" SET NOT NULL;--> statement-breakpoint
ANALYZE "handoffs";
