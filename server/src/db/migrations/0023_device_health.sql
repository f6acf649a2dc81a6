CREATE TABLE "device_area_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"cause" text NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"first_signal_at" timestamp (3) with time zone NOT NULL,
	"device_count" integer NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"closed_by" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "device_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"device_id" uuid NOT NULL,
	"elder_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"region_code" text,
	"maintainer_id" uuid,
	"signal_at" timestamp (3) with time zone NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"area_event_id" uuid,
	"closed_at" timestamp (3) with time zone,
	"closed_by" text,
	"closed_by_user" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "device_welfare_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"area_event_id" uuid NOT NULL,
	"elder_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"called_at" timestamp (3) with time zone NOT NULL,
	"called_by" uuid,
	"called_by_name" text,
	"alarm_id" uuid
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "maintainer_id" uuid;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "offline_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "offline_since" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "mains_fail_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "device_tasks" ADD CONSTRAINT "device_tasks_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_welfare_calls" ADD CONSTRAINT "device_welfare_calls_area_event_id_device_area_events_id_fk" FOREIGN KEY ("area_event_id") REFERENCES "public"."device_area_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_welfare_calls" ADD CONSTRAINT "device_welfare_calls_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "device_area_events_open_uq" ON "device_area_events" USING btree ("region_code") WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX "device_area_events_region_idx" ON "device_area_events" USING btree ("region_code","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "device_tasks_open_uq" ON "device_tasks" USING btree ("device_id","kind") WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX "device_tasks_region_open_idx" ON "device_tasks" USING btree ("region_code","signal_at") WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX "device_tasks_area_idx" ON "device_tasks" USING btree ("area_event_id");--> statement-breakpoint
CREATE INDEX "device_tasks_device_idx" ON "device_tasks" USING btree ("device_id","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "device_welfare_calls_uq" ON "device_welfare_calls" USING btree ("area_event_id","elder_id");--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_maintainer_id_organisations_id_fk" FOREIGN KEY ("maintainer_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "devices_offline_due_idx" ON "devices" USING btree ("offline_at") WHERE offline_since IS NULL AND status = 'active';--> statement-breakpoint
CREATE INDEX "devices_battery_idx" ON "devices" USING btree ("battery") WHERE battery IS NOT NULL AND status = 'active';--> statement-breakpoint
CREATE INDEX "devices_mains_fail_idx" ON "devices" USING btree ("mains_fail_at") WHERE mains_fail_at IS NOT NULL;--> statement-breakpoint
-- Hand-written (decision 029): the offline deadline of devices already heard from; the ingest keeps it after.
UPDATE "devices" SET "offline_at" = "last_seen_at" + (2 * "heartbeat_seconds" + 60) * interval '1 second' WHERE "last_seen_at" IS NOT NULL;
