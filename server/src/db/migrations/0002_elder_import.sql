CREATE TABLE "elder_import_issues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"column" text,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elder_import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"organisation_id" uuid,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"on_duplicate" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"file_bytes" integer DEFAULT 0 NOT NULL,
	"bytes_read" integer DEFAULT 0 NOT NULL,
	"report_rows" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "elder_import_issues" ADD CONSTRAINT "elder_import_issues_job_id_elder_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."elder_import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "elder_import_issues_job_idx" ON "elder_import_issues" USING btree ("job_id","row");--> statement-breakpoint
CREATE INDEX "elder_import_jobs_region_idx" ON "elder_import_jobs" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "elder_import_jobs_created_idx" ON "elder_import_jobs" USING btree ("created_at");