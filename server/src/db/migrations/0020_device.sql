CREATE TABLE "device_bindings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"elder_id" uuid NOT NULL,
	"bound_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"bound_by" uuid,
	"unbound_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "device_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_key" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"device_time" timestamp (3) with time zone,
	"device_id" uuid,
	"device_ref" text NOT NULL,
	"transport" text NOT NULL,
	"vendor" text,
	"topic" text NOT NULL,
	"channel" text NOT NULL,
	"payload_enc" text NOT NULL,
	"outcome" text NOT NULL,
	"error" text,
	"alarm_id" uuid
);
--> statement-breakpoint
CREATE TABLE "device_vendors" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"secret_enc" text NOT NULL,
	"active" smallint DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"vendor" text NOT NULL,
	"serial" text NOT NULL,
	"model" text,
	"region_code" text,
	"organisation_id" uuid,
	"address_enc" text,
	"address_masked" text,
	"lat" double precision,
	"lng" double precision,
	"installed_on" date,
	"installer" text,
	"install_note" text,
	"heartbeat_seconds" integer DEFAULT 3600 NOT NULL,
	"battery" smallint,
	"status" text DEFAULT 'active' NOT NULL,
	"secret_hash" text,
	"last_seen_at" timestamp (3) with time zone,
	"message_count" bigint DEFAULT 0 NOT NULL,
	"malformed_count" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device_bindings" ADD CONSTRAINT "device_bindings_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_bindings" ADD CONSTRAINT "device_bindings_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "device_bindings_current_uq" ON "device_bindings" USING btree ("device_id","elder_id") WHERE unbound_at IS NULL;--> statement-breakpoint
CREATE INDEX "device_bindings_elder_idx" ON "device_bindings" USING btree ("elder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "device_messages_key_uq" ON "device_messages" USING btree ("message_key");--> statement-breakpoint
CREATE INDEX "device_messages_device_idx" ON "device_messages" USING btree ("device_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_vendor_serial_uq" ON "devices" USING btree ("vendor","serial");--> statement-breakpoint
CREATE INDEX "devices_region_idx" ON "devices" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "devices_org_idx" ON "devices" USING btree ("organisation_id");