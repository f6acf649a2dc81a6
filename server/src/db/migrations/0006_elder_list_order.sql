DROP INDEX "elders_keyset_idx";--> statement-breakpoint
DROP INDEX "elders_organisation_idx";--> statement-breakpoint
DROP INDEX "elders_name_initials_idx";--> statement-breakpoint
DROP INDEX "elders_name_pinyin_idx";--> statement-breakpoint
CREATE INDEX "elders_organisation_keyset_idx" ON "elders" USING btree ("organisation_id","region_code" text_pattern_ops,"created_at","id","status","birth_date","living_situation","tag_codes") WHERE "elders"."organisation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "elders_name_initials_idx" ON "elders" USING btree ("name_initials" text_pattern_ops,"region_code" text_pattern_ops,"created_at","id","organisation_id");--> statement-breakpoint
CREATE INDEX "elders_name_pinyin_idx" ON "elders" USING btree ("name_pinyin" text_pattern_ops,"region_code" text_pattern_ops,"created_at","id","organisation_id");