ALTER TABLE "rate_limits" ADD COLUMN "window_ms" integer DEFAULT 3600000 NOT NULL;--> statement-breakpoint
ALTER TABLE "rate_limits" ADD COLUMN "prev_count" integer DEFAULT 0 NOT NULL;