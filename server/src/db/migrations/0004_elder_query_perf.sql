DROP INDEX "elders_region_idx";--> statement-breakpoint
DROP INDEX "elders_created_idx";--> statement-breakpoint
DROP INDEX "elders_birth_date_idx";--> statement-breakpoint
ALTER TABLE "elders" ADD COLUMN "name_masked" text;--> statement-breakpoint
ALTER TABLE "elders" ADD COLUMN "id_number_masked" text;--> statement-breakpoint
ALTER TABLE "elders" ADD COLUMN "phone_masked" text;--> statement-breakpoint
ALTER TABLE "elders" ADD COLUMN "address_masked" text;--> statement-breakpoint
ALTER TABLE "elders" ADD COLUMN "name_grams" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "elders" ADD COLUMN "tag_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Backfill of existing rows, before the indexes are built. name_grams as pinyin.ts nameGrams() computes
-- it; tag_codes as elderRepo's tag writes keep it. The masked columns need the FieldCipher: they are filled
-- by backfillElderMasks (elder.service.ts) at start-up, and rows read decrypted until then.
UPDATE "elders" SET "name_grams" = ARRAY(SELECT DISTINCT lower(substr(btrim("name"), i, l)) FROM generate_series(1, char_length(btrim("name"))) AS i, generate_series(1, 4) AS l WHERE i + l - 1 <= char_length(btrim("name")));--> statement-breakpoint
UPDATE "elders" SET "tag_codes" = t.codes FROM (SELECT "elder_id", array_agg(DISTINCT "code" ORDER BY "code") AS codes FROM "elder_tags" GROUP BY "elder_id") t WHERE t."elder_id" = "elders"."id";--> statement-breakpoint
CREATE INDEX "elders_region_keyset_idx" ON "elders" USING btree ("region_code" text_pattern_ops,"created_at","id","organisation_id","status","birth_date","living_situation","tag_codes");--> statement-breakpoint
CREATE INDEX "elders_keyset_idx" ON "elders" USING btree ("created_at","id","region_code","organisation_id","status","birth_date","living_situation","tag_codes");--> statement-breakpoint
CREATE INDEX "elders_organisation_idx" ON "elders" USING btree ("organisation_id") WHERE "elders"."organisation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "elders_tag_codes_idx" ON "elders" USING gin ("tag_codes");--> statement-breakpoint
CREATE INDEX "elders_name_grams_idx" ON "elders" USING gin ("name_grams");--> statement-breakpoint
CREATE INDEX "elders_unmasked_idx" ON "elders" USING btree ("id") WHERE "elders"."name_masked" IS NULL;