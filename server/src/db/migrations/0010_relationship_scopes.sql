CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"elder_id" uuid,
	"valid_from" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp (3) with time zone,
	"released_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elder_accounts" (
	"elder_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"linked_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elder_accounts_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
ALTER TABLE "elder_family" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "elder_accounts" ADD CONSTRAINT "elder_accounts_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elder_accounts" ADD CONSTRAINT "elder_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_user_idx" ON "assignments" USING btree ("user_id","subject_type","subject_id") WHERE released_at IS NULL;--> statement-breakpoint
CREATE INDEX "assignments_subject_idx" ON "assignments" USING btree ("subject_type","subject_id");--> statement-breakpoint
ALTER TABLE "elder_family" ADD CONSTRAINT "elder_family_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "elder_family_user_idx" ON "elder_family" USING btree ("user_id") WHERE "elder_family"."user_id" IS NOT NULL;--> statement-breakpoint
-- Elder and family accounts read their own and their bound elders' records (decision 010): the grant for
-- deployments whose roles were seeded before it (a fresh database gets it from the role catalogue).
INSERT INTO "role_permissions" ("role_code", "permission_code")
SELECT r."code", p."code" FROM "roles" r JOIN "permissions" p ON p."code" = 'elder:read'
WHERE r."code" IN ('elder', 'family_member')
ON CONFLICT DO NOTHING;
