CREATE TABLE "elder_family" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"elder_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relationship" text NOT NULL,
	"phone_enc" text,
	"may_act_for" boolean DEFAULT false NOT NULL,
	"is_guardian" boolean DEFAULT false NOT NULL,
	"consented_at" timestamp (3) with time zone,
	"consent_scope" text[],
	"consent_version" text,
	"consent_document_ref" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elder_tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"elder_id" uuid NOT NULL,
	"code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source" text DEFAULT 'manual' NOT NULL,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elder_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"elder_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"changed_by" uuid,
	"changed_by_name" text NOT NULL,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"before" jsonb,
	"after" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"organisation_id" uuid,
	"name" text NOT NULL,
	"name_initials" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"id_type" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"phone_enc" text,
	"phone_hash" text,
	"household_local" boolean DEFAULT true NOT NULL,
	"household_address_enc" text,
	"address_enc" text,
	"residence_since" date,
	"lat" double precision,
	"lng" double precision,
	"living_situation" text,
	"ethnicity" text,
	"education" text,
	"marital_status" text,
	"economic_sources" text[] DEFAULT '{}'::text[] NOT NULL,
	"health_enc" text,
	"status" text DEFAULT 'active' NOT NULL,
	"status_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "elder_family" ADD CONSTRAINT "elder_family_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_tags" ADD CONSTRAINT "elder_tags_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_versions" ADD CONSTRAINT "elder_versions_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "elder_family_elder_idx" ON "elder_family" USING btree ("elder_id");--> statement-breakpoint
CREATE INDEX "elder_tags_elder_idx" ON "elder_tags" USING btree ("elder_id");--> statement-breakpoint
CREATE INDEX "elder_tags_code_idx" ON "elder_tags" USING btree ("code","elder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "elder_versions_elder_version_uq" ON "elder_versions" USING btree ("elder_id","version");--> statement-breakpoint
CREATE INDEX "elders_region_idx" ON "elders" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "elders_id_number_hash_uq" ON "elders" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "elders_phone_hash_idx" ON "elders" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "elders_name_initials_idx" ON "elders" USING btree ("name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "elders_name_pinyin_idx" ON "elders" USING btree ("name_pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "elders_created_idx" ON "elders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "elders_birth_date_idx" ON "elders" USING btree ("birth_date");