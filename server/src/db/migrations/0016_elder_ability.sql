ALTER TABLE "elders" ADD COLUMN "ability" jsonb;--> statement-breakpoint
-- Hand-written: the current published level of every elder assessed before this migration (issue 13 §4).
UPDATE "elders" AS e SET "ability" = jsonb_build_object(
  'standardCode', a.standard_code,
  'level', (a.result->'finalLevel'->>'code')::int,
  'zh', a.result->'finalLevel'->>'zh',
  'en', a.result->'finalLevel'->>'en',
  'assessedOn', to_char(a.published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'))
FROM (
  SELECT DISTINCT ON (elder_id) elder_id, standard_code, result, published_at
  FROM "assessments"
  WHERE status IN ('published', 'disputed') AND published_at IS NOT NULL AND result ? 'finalLevel'
  ORDER BY elder_id, published_at DESC
) AS a
WHERE e.id = a.elder_id;
