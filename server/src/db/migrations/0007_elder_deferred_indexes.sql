CREATE TABLE "elder_deferred_indexes" (
	"name" text PRIMARY KEY NOT NULL,
	"definition" text NOT NULL,
	"job_id" uuid NOT NULL,
	"deferred_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
