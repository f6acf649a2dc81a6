CREATE TABLE "staff_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"issuer" text,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"revoked_at" timestamp (3) with time zone,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_assessors" (
	"assessment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"certificate_id" uuid,
	"position" integer NOT NULL,
	"signed_at" timestamp (3) with time zone,
	"sign_recorded_at" timestamp (3) with time zone,
	CONSTRAINT "assessment_assessors_assessment_id_user_id_pk" PRIMARY KEY("assessment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"action" text NOT NULL,
	"by_user_id" uuid,
	"by_name" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"elder_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"organisation_id" uuid,
	"standard_code" text NOT NULL,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"note" text,
	"applied_by" uuid,
	"applied_by_name" text,
	"assigned_at" timestamp (3) with time zone,
	"scheduled_at" timestamp (3) with time zone,
	"due_by" date,
	"revision" integer DEFAULT 0 NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"basic_info" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"client_saved_at" timestamp (3) with time zone,
	"submitted_at" timestamp (3) with time zone,
	"result" jsonb,
	"total" integer,
	"level" integer,
	"published_at" timestamp (3) with time zone,
	"supersedes_id" uuid,
	"superseded_at" timestamp (3) with time zone,
	"disputed_at" timestamp (3) with time zone,
	"dispute_reason" text,
	"cancelled_at" timestamp (3) with time zone,
	"cancel_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_certificates" ADD CONSTRAINT "staff_certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_certificates" ADD CONSTRAINT "staff_certificates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_assessors" ADD CONSTRAINT "assessment_assessors_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_assessors" ADD CONSTRAINT "assessment_assessors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_assessors" ADD CONSTRAINT "assessment_assessors_certificate_id_staff_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."staff_certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_events" ADD CONSTRAINT "assessment_events_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_certificates_user_idx" ON "staff_certificates" USING btree ("user_id","kind");--> statement-breakpoint
CREATE INDEX "staff_certificates_org_idx" ON "staff_certificates" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "assessment_assessors_user_idx" ON "assessment_assessors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "assessment_events_assessment_idx" ON "assessment_events" USING btree ("assessment_id","at");--> statement-breakpoint
CREATE INDEX "assessments_region_idx" ON "assessments" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "assessments_org_idx" ON "assessments" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "assessments_elder_idx" ON "assessments" USING btree ("elder_id","created_at");--> statement-breakpoint
CREATE INDEX "assessments_status_idx" ON "assessments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "assessments_created_idx" ON "assessments" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_open_uq" ON "assessments" USING btree ("elder_id") WHERE status in ('applied', 'assigned', 'in_progress', 'submitted', 'signing');--> statement-breakpoint
-- Hand-written (decision 006): a published assessment is immutable. Its content
-- (answers, form, result, level, assessors' record) never changes; only the
-- dispute/supersede bookkeeping moves on. Rows are never deleted.
CREATE FUNCTION assessments_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'assessments are never deleted' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.published_at IS NOT NULL AND (
    NEW.elder_id IS DISTINCT FROM OLD.elder_id OR
    NEW.standard_code IS DISTINCT FROM OLD.standard_code OR
    NEW.answers IS DISTINCT FROM OLD.answers OR
    NEW.basic_info IS DISTINCT FROM OLD.basic_info OR
    NEW.context IS DISTINCT FROM OLD.context OR
    NEW.result IS DISTINCT FROM OLD.result OR
    NEW.total IS DISTINCT FROM OLD.total OR
    NEW.level IS DISTINCT FROM OLD.level OR
    NEW.published_at IS DISTINCT FROM OLD.published_at OR
    NEW.revision IS DISTINCT FROM OLD.revision OR
    NEW.status NOT IN ('published', 'disputed', 'superseded')
  ) THEN
    RAISE EXCEPTION 'assessment % is published and locked', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER assessments_locked BEFORE UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION assessments_locked();
