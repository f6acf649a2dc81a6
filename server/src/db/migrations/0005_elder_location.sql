-- The exact home position moves into location_enc (encrypted, like the address); lat/lng keep it
-- rounded to 0.01° for maps and the default view. Existing rows are encrypted and rounded by
-- backfillElderMasks (elder.service.ts) at start-up and after `yiyang db migrate`: SQL cannot encrypt.
ALTER TABLE "elders" ADD COLUMN "location_enc" text;