CREATE TABLE "provider_contract_items" (
	"contract_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	CONSTRAINT "provider_contract_items_contract_id_item_code_pk" PRIMARY KEY("contract_id","item_code")
);
--> statement-breakpoint
CREATE TABLE "provider_contract_regions" (
	"contract_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"region_prefix" text NOT NULL,
	CONSTRAINT "provider_contract_regions_contract_id_region_code_pk" PRIMARY KEY("contract_id","region_code")
);
--> statement-breakpoint
CREATE TABLE "provider_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"number" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"terminated_at" timestamp (3) with time zone,
	"termination_reason" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"elder_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"item_codes" text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"notes" text,
	"signer_kind" text,
	"signer_name" text,
	"signer_relationship" text,
	"signed_at" timestamp (3) with time zone,
	"signed_by" uuid,
	"ended_at" timestamp (3) with time zone,
	"end_reason" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_code" text NOT NULL,
	"code" text NOT NULL,
	"category" text NOT NULL,
	"sub_item" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text,
	"unit" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"price_cents" integer NOT NULL,
	"required_credentials" text[] DEFAULT '{}' NOT NULL,
	"photos_allowed" boolean DEFAULT false NOT NULL,
	"pay_rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"previous_id" uuid,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "provider_contract_items" ADD CONSTRAINT "provider_contract_items_contract_id_provider_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."provider_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_contract_regions" ADD CONSTRAINT "provider_contract_regions_contract_id_provider_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."provider_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_contract_regions" ADD CONSTRAINT "provider_contract_regions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_contracts" ADD CONSTRAINT "provider_contracts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_contracts" ADD CONSTRAINT "provider_contracts_district_code_regions_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_district_code_regions_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provider_contract_items_code_idx" ON "provider_contract_items" USING btree ("item_code");--> statement-breakpoint
CREATE INDEX "provider_contract_regions_region_idx" ON "provider_contract_regions" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "provider_contracts_org_idx" ON "provider_contracts" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "provider_contracts_district_idx" ON "provider_contracts" USING btree ("district_code","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "service_agreements_number_uq" ON "service_agreements" USING btree ("number");--> statement-breakpoint
CREATE INDEX "service_agreements_elder_idx" ON "service_agreements" USING btree ("elder_id","organisation_id");--> statement-breakpoint
CREATE INDEX "service_agreements_region_idx" ON "service_agreements" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "service_agreements_org_idx" ON "service_agreements" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_items_version_uq" ON "service_items" USING btree ("district_code","code","valid_from");--> statement-breakpoint
CREATE INDEX "service_items_district_idx" ON "service_items" USING btree ("district_code","category","code");