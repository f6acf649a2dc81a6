CREATE TABLE "coverage_candidates" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"facility_id" uuid,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"computed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coverage_circle" (
	"elder_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"facility_id" uuid,
	"minutes" real,
	"within" boolean,
	"candidates" text[],
	"computed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coverage_circle" ADD CONSTRAINT "coverage_circle_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coverage_candidates_region_idx" ON "coverage_candidates" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "coverage_circle_region_idx" ON "coverage_circle" USING btree ("region_code" text_pattern_ops,"within");