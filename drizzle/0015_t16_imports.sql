ALTER TABLE "import_runs" ADD COLUMN "phase" text;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "done_rows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "heartbeat_at" timestamp with time zone;