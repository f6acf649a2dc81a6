CREATE TABLE "complaint_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"action" text NOT NULL,
	"by_user_id" uuid,
	"by_name" text,
	"note" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"elder_id" uuid,
	"order_id" uuid,
	"provider_id" uuid,
	"organisation_id" uuid,
	"caregiver_id" uuid,
	"category" text NOT NULL,
	"channel" text NOT NULL,
	"description" text NOT NULL,
	"complainant_user_id" uuid,
	"complainant_name" text,
	"complainant_phone_enc" text,
	"complainant_phone_masked" text,
	"status" text DEFAULT 'received' NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"escalated_at" timestamp (3) with time zone,
	"response" text,
	"corrective_action" text,
	"responded_at" timestamp (3) with time zone,
	"responded_by_name" text,
	"satisfaction" text,
	"close_note" text,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"order_id" uuid NOT NULL,
	"elder_id" uuid NOT NULL,
	"provider_id" uuid,
	"caregiver_id" uuid,
	"item_code" text NOT NULL,
	"visit_ended_at" timestamp (3) with time zone,
	"sampled_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"sampled_by" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"called_at" timestamp (3) with time zone,
	"called_by_name" text,
	"service_happened" boolean,
	"result" text,
	"note" text,
	"corrective_action" text,
	"complaint_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_visits" ADD CONSTRAINT "return_visits_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_visits" ADD CONSTRAINT "return_visits_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_visits" ADD CONSTRAINT "return_visits_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_visits" ADD CONSTRAINT "return_visits_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("complaint_id","at");--> statement-breakpoint
CREATE INDEX "complaints_region_idx" ON "complaints" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "complaints_org_idx" ON "complaints" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "complaints_provider_idx" ON "complaints" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "complaints_elder_idx" ON "complaints" USING btree ("elder_id");--> statement-breakpoint
CREATE INDEX "complaints_due_idx" ON "complaints" USING btree ("due_at") WHERE "complaints"."status" <> 'closed';--> statement-breakpoint
CREATE UNIQUE INDEX "return_visits_order_uq" ON "return_visits" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "return_visits_region_idx" ON "return_visits" USING btree ("region_code" text_pattern_ops,"sampled_at");--> statement-breakpoint
CREATE INDEX "return_visits_provider_idx" ON "return_visits" USING btree ("provider_id");