ALTER TYPE "public"."handoff_kind" ADD VALUE 'cofollow';--> statement-breakpoint
ALTER TABLE "investor_contacts" ADD COLUMN "wechat" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "activity_id" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_activity_idx" ON "attachments" USING btree ("activity_id");