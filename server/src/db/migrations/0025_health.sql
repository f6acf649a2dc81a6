CREATE TABLE "health_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"rule_kind" text NOT NULL,
	"elder_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"trigger_at" timestamp (3) with time zone NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"verified_by" uuid,
	"verified_by_name" text,
	"verified_at" timestamp (3) with time zone,
	"method" text,
	"note" text,
	"alarm_id" uuid,
	"closed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "health_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"elder_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"device_id" uuid
);
--> statement-breakpoint
CREATE TABLE "health_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "health_thresholds" (
	"elder_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"low" double precision,
	"high" double precision,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_thresholds_elder_id_kind_pk" PRIMARY KEY("elder_id","kind")
);
--> statement-breakpoint
CREATE TABLE "vital_signs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"elder_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"values_enc" text NOT NULL,
	"unit" text NOT NULL,
	"flag" text,
	"measured_at" timestamp (3) with time zone NOT NULL,
	"source" text NOT NULL,
	"device_id" uuid,
	"entered_by" uuid,
	"entered_by_name" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "health_alerts" ADD CONSTRAINT "health_alerts_rule_id_health_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."health_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_alerts" ADD CONSTRAINT "health_alerts_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_events" ADD CONSTRAINT "health_events_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_thresholds" ADD CONSTRAINT "health_thresholds_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vital_signs" ADD CONSTRAINT "vital_signs_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "health_alerts_trigger_uq" ON "health_alerts" USING btree ("rule_id","elder_id","trigger_at");--> statement-breakpoint
CREATE UNIQUE INDEX "health_alerts_unfinished_uq" ON "health_alerts" USING btree ("rule_id","elder_id") WHERE "health_alerts"."status" IN ('open', 'verifying');--> statement-breakpoint
CREATE INDEX "health_alerts_region_idx" ON "health_alerts" USING btree ("region_code" text_pattern_ops,"opened_at");--> statement-breakpoint
CREATE INDEX "health_events_elder_idx" ON "health_events" USING btree ("elder_id","kind","occurred_at");--> statement-breakpoint
CREATE INDEX "health_rules_region_idx" ON "health_rules" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "vital_signs_elder_idx" ON "vital_signs" USING btree ("elder_id","kind","measured_at");--> statement-breakpoint
CREATE INDEX "vital_signs_flag_idx" ON "vital_signs" USING btree ("region_code" text_pattern_ops,"measured_at") WHERE "vital_signs"."flag" IS NOT NULL;