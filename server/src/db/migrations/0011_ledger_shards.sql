CREATE TABLE "audit_anchors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"heads" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_heads" (
	"shard" smallint PRIMARY KEY NOT NULL,
	"audit_id" bigint NOT NULL,
	"audit_hash" text NOT NULL,
	"event_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Events before decision 010 are shard 0, numbered by id (instances start after the last one).
ALTER TABLE "outbox_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
UPDATE "outbox_events" SET "seq" = "id";--> statement-breakpoint
ALTER TABLE "outbox_events" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
-- A constant for the rows already there (no table rewrite), then the writing transaction's id.
ALTER TABLE "outbox_events" ADD COLUMN "xid" "xid8" DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_events" ALTER COLUMN "xid" SET DEFAULT pg_current_xact_id();--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_events_shard_seq_idx" ON "outbox_events" USING btree ("shard","seq");--> statement-breakpoint
CREATE INDEX "outbox_events_xid_idx" ON "outbox_events" USING btree ("xid");--> statement-breakpoint
INSERT INTO "ledger" DEFAULT VALUES;--> statement-breakpoint
-- The 64 shards of ledger.ts (LEDGER_SHARDS); the entries and events written so far are shard 0's.
INSERT INTO "ledger_heads" ("shard", "audit_id", "audit_hash", "event_seq")
SELECT s, 0, repeat('0', 64), 0 FROM generate_series(0, 63) AS s;--> statement-breakpoint
UPDATE "ledger_heads" SET
  "audit_id" = COALESCE((SELECT max("id") FROM "audit_events"), 0),
  "audit_hash" = COALESCE((SELECT "hash" FROM "audit_events" ORDER BY "id" DESC LIMIT 1), repeat('0', 64)),
  "event_seq" = COALESCE((SELECT max("seq") FROM "outbox_events"), 0)
WHERE "shard" = 0;
