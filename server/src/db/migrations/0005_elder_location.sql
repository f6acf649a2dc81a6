-- The exact home position moves into location_enc (encrypted, like the address); lat/lng keep it
-- rounded to 0.01° for maps and the default view. Existing rows are encrypted and rounded by
-- backfillElderMasks (elder.service.ts) at start-up and after `yiyang db migrate`: SQL cannot encrypt.
DROP INDEX "elders_unmasked_idx";--> statement-breakpoint
ALTER TABLE "elders" ADD COLUMN "location_enc" text;--> statement-breakpoint
CREATE INDEX "elders_unmasked_idx" ON "elders" USING btree ("id") WHERE name_masked IS NULL OR (location_enc IS NULL AND lat IS NOT NULL);