CREATE TABLE "login_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"locks" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Counts and locks in force carry over: an upgrade must not lift a lock.
INSERT INTO "login_limits" ("key", "failures", "window_start", "locked_until", "locks")
SELECT 'account:' || "username", "failures", "window_start", "locked_until", CASE WHEN "locked_until" IS NULL THEN 0 ELSE 1 END
FROM "login_throttle";
--> statement-breakpoint
DROP TABLE "login_throttle" CASCADE;