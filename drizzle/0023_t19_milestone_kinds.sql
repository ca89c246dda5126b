-- Issue 19: milestones logged as activities (注册, 开工, 投产), so logging one can move the stage of its project.
ALTER TYPE "public"."activity_kind" ADD VALUE 'registration';--> statement-breakpoint
ALTER TYPE "public"."activity_kind" ADD VALUE 'construction_start';--> statement-breakpoint
ALTER TYPE "public"."activity_kind" ADD VALUE 'production_start';
