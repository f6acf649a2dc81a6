CREATE TABLE "alarm_duty_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"region_code" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarm_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alarm_id" uuid NOT NULL,
	"action" text NOT NULL,
	"by_user_id" uuid,
	"by_name" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarm_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alarm_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"number_enc" text,
	"number_masked" text,
	"by_user_id" uuid,
	"by_name" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarm_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alarm_id" uuid,
	"to_user_id" uuid,
	"channel" text NOT NULL,
	"template" text NOT NULL,
	"params" jsonb NOT NULL,
	"sent_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarm_responders" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"available" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarm_signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"message_id" text NOT NULL,
	"alarm_id" uuid NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarm_timers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alarm_id" uuid NOT NULL,
	"step" text NOT NULL,
	"attempt" smallint DEFAULT 0 NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"fired_at" timestamp (3) with time zone,
	"result" text
);
--> statement-breakpoint
CREATE TABLE "alarms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"device_id" uuid,
	"device_serial" text,
	"elder_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"fold_key" text,
	"lat" double precision,
	"lng" double precision,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"repeat_count" integer DEFAULT 1 NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"opened_by" uuid,
	"opened_by_name" text,
	"seat_user_id" uuid,
	"seat_name" text,
	"acknowledged_at" timestamp (3) with time zone,
	"dispatch_kind" text,
	"external_service" text,
	"responder_id" uuid,
	"responder_name" text,
	"tried_responders" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"dispatched_at" timestamp (3) with time zone,
	"accepted_at" timestamp (3) with time zone,
	"arrived_at" timestamp (3) with time zone,
	"arrive_lat" double precision,
	"arrive_lng" double precision,
	"arrive_distance_m" integer,
	"closed_at" timestamp (3) with time zone,
	"outcome" text,
	"close_note" text,
	"follow_up_order_id" uuid,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alarm_duty_shifts" ADD CONSTRAINT "alarm_duty_shifts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_events" ADD CONSTRAINT "alarm_events_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_notes" ADD CONSTRAINT "alarm_notes_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_notifications" ADD CONSTRAINT "alarm_notifications_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_responders" ADD CONSTRAINT "alarm_responders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_signals" ADD CONSTRAINT "alarm_signals_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_timers" ADD CONSTRAINT "alarm_timers_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_seat_user_id_users_id_fk" FOREIGN KEY ("seat_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_responder_id_users_id_fk" FOREIGN KEY ("responder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alarm_duty_shifts_region_idx" ON "alarm_duty_shifts" USING btree ("region_code" text_pattern_ops,"role","starts_at");--> statement-breakpoint
CREATE INDEX "alarm_duty_shifts_user_idx" ON "alarm_duty_shifts" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "alarm_events_alarm_idx" ON "alarm_events" USING btree ("alarm_id","at");--> statement-breakpoint
CREATE INDEX "alarm_notes_alarm_idx" ON "alarm_notes" USING btree ("alarm_id","at");--> statement-breakpoint
CREATE INDEX "alarm_notifications_alarm_idx" ON "alarm_notifications" USING btree ("alarm_id","sent_at");--> statement-breakpoint
CREATE INDEX "alarm_responders_region_idx" ON "alarm_responders" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "alarm_signals_message_uq" ON "alarm_signals" USING btree ("source","message_id");--> statement-breakpoint
CREATE INDEX "alarm_signals_alarm_idx" ON "alarm_signals" USING btree ("alarm_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alarm_timers_step_uq" ON "alarm_timers" USING btree ("alarm_id","step","attempt");--> statement-breakpoint
CREATE INDEX "alarm_timers_due_idx" ON "alarm_timers" USING btree ("due_at") WHERE "alarm_timers"."fired_at" IS NULL;--> statement-breakpoint
CREATE INDEX "alarms_region_keyset_idx" ON "alarms" USING btree ("region_code" text_pattern_ops,"received_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "alarms_open_fold_uq" ON "alarms" USING btree ("fold_key") WHERE "alarms"."status" <> 'closed' AND "alarms"."fold_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "alarms_open_idx" ON "alarms" USING btree ("received_at") WHERE "alarms"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "alarms_elder_idx" ON "alarms" USING gin ("elder_ids");--> statement-breakpoint
CREATE INDEX "alarms_responder_idx" ON "alarms" USING btree ("responder_id","status");