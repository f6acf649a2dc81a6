CREATE TABLE "facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tier" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"floor_area_m2" double precision,
	"beds" integer DEFAULT 0 NOT NULL,
	"nursing_beds" integer DEFAULT 0 NOT NULL,
	"zones" text[] DEFAULT '{}'::text[] NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"operator_org_id" uuid,
	"operating_mode" text,
	"status" text DEFAULT 'operating' NOT NULL,
	"planned_year" smallint,
	"opened_on" date,
	"closed_on" date,
	"opening_hours" text,
	"photos" text[] DEFAULT '{}'::text[] NOT NULL,
	"parent_centre_id" uuid,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "facilities_beds_ck" CHECK (beds >= 0 AND nursing_beds >= 0 AND nursing_beds <= beds),
	CONSTRAINT "facilities_area_ck" CHECK (floor_area_m2 IS NULL OR floor_area_m2 >= 0)
);
--> statement-breakpoint
CREATE TABLE "facility_coverage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_coverage_period_ck" CHECK (valid_to IS NULL OR valid_to > valid_from)
);
--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_parent_centre_id_facilities_id_fk" FOREIGN KEY ("parent_centre_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_coverage" ADD CONSTRAINT "facility_coverage_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "facilities_region_idx" ON "facilities" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "facilities_parent_idx" ON "facilities" USING btree ("parent_centre_id");--> statement-breakpoint
CREATE UNIQUE INDEX "facilities_region_name_uq" ON "facilities" USING btree ("region_code","name") WHERE status <> 'closed';--> statement-breakpoint
CREATE UNIQUE INDEX "facility_coverage_uq" ON "facility_coverage" USING btree ("facility_id","region_code","valid_from");--> statement-breakpoint
CREATE INDEX "facility_coverage_region_idx" ON "facility_coverage" USING btree ("region_code" text_pattern_ops);