CREATE TABLE "order_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"action" text NOT NULL,
	"by_user_id" uuid,
	"by_name" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"elder_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"provider_id" uuid,
	"weekdays" smallint[] NOT NULL,
	"time_of_day" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"channel" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"note" text,
	"generated_until" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"elder_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"required_credentials" text[] DEFAULT '{}'::text[] NOT NULL,
	"provider_id" uuid,
	"offered_to" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"caregiver_id" uuid,
	"channel" text NOT NULL,
	"ordered_by" uuid,
	"ordered_by_name" text NOT NULL,
	"consent" jsonb,
	"call_note" text,
	"note" text,
	"planned_start" timestamp (3) with time zone NOT NULL,
	"planned_end" timestamp (3) with time zone NOT NULL,
	"price_cents" integer NOT NULL,
	"elder_share_cents" integer NOT NULL,
	"funding_source" text NOT NULL,
	"agreement_id" uuid,
	"plan_id" uuid,
	"plan_date" date,
	"status" text DEFAULT 'created' NOT NULL,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"assigned_at" timestamp (3) with time zone,
	"departed_at" timestamp (3) with time zone,
	"check_in_at" timestamp (3) with time zone,
	"check_in_lat" double precision,
	"check_in_lng" double precision,
	"check_out_at" timestamp (3) with time zone,
	"check_out_lat" double precision,
	"check_out_lng" double precision,
	"visit_evidence" jsonb,
	"confirmed_at" timestamp (3) with time zone,
	"rating" smallint,
	"rating_comment" text,
	"rated_at" timestamp (3) with time zone,
	"cancelled_at" timestamp (3) with time zone,
	"cancelled_by" text,
	"cancel_reason" text,
	"reject_reason" text,
	"closing_note" text,
	"disputed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_plans" ADD CONSTRAINT "order_plans_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_plans" ADD CONSTRAINT "order_plans_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_caregiver_id_users_id_fk" FOREIGN KEY ("caregiver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "order_plans_region_keyset_idx" ON "order_plans" USING btree ("region_code" text_pattern_ops,"created_at","id");--> statement-breakpoint
CREATE INDEX "order_plans_elder_idx" ON "order_plans" USING btree ("elder_id");--> statement-breakpoint
CREATE INDEX "orders_region_keyset_idx" ON "orders" USING btree ("region_code" text_pattern_ops,"created_at","id");--> statement-breakpoint
CREATE INDEX "orders_provider_idx" ON "orders" USING btree ("provider_id","status","planned_start");--> statement-breakpoint
CREATE INDEX "orders_elder_idx" ON "orders" USING btree ("elder_id","planned_start");--> statement-breakpoint
CREATE INDEX "orders_caregiver_idx" ON "orders" USING btree ("caregiver_id","planned_start");--> statement-breakpoint
CREATE INDEX "orders_open_created_idx" ON "orders" USING btree ("created_at") WHERE "orders"."status" = 'created';--> statement-breakpoint
CREATE UNIQUE INDEX "orders_plan_occurrence_uq" ON "orders" USING btree ("plan_id","plan_date");