CREATE TABLE "visit_anomalies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"provider_id" uuid,
	"caregiver_id" uuid,
	"kind" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"detected_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	"resolved_by" uuid,
	"resolved_by_name" text,
	"resolution_code" text,
	"resolution_note" text
);
--> statement-breakpoint
CREATE TABLE "visit_elder_keys" (
	"elder_id" uuid PRIMARY KEY NOT NULL,
	"pin_hash" text,
	"card_version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"data_enc" text
);
--> statement-breakpoint
CREATE TABLE "visit_geofences" (
	"region_code" text PRIMARY KEY NOT NULL,
	"radius_m" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"elder_id" uuid NOT NULL,
	"provider_id" uuid,
	"caregiver_id" uuid,
	"item_code" text NOT NULL,
	"category" text NOT NULL,
	"planned_minutes" integer NOT NULL,
	"check_in" jsonb,
	"check_out" jsonb,
	"started_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"checklist_done" text[] DEFAULT '{}'::text[] NOT NULL,
	"confirmation" jsonb,
	"signature_enc" text,
	"state" text DEFAULT 'in_progress' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "visit_anomalies" ADD CONSTRAINT "visit_anomalies_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_elder_keys" ADD CONSTRAINT "visit_elder_keys_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_events" ADD CONSTRAINT "visit_events_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_anomalies_kind_uq" ON "visit_anomalies" USING btree ("visit_id","kind");--> statement-breakpoint
CREATE INDEX "visit_anomalies_open_idx" ON "visit_anomalies" USING btree ("region_code" text_pattern_ops,"detected_at") WHERE "visit_anomalies"."resolved_at" IS NULL;--> statement-breakpoint
CREATE INDEX "visit_events_visit_idx" ON "visit_events" USING btree ("visit_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_order_uq" ON "visits" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "visits_region_idx" ON "visits" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "visits_provider_idx" ON "visits" USING btree ("provider_id","state");--> statement-breakpoint
CREATE INDEX "visits_caregiver_idx" ON "visits" USING btree ("caregiver_id","started_at");