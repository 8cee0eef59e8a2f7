CREATE TABLE "gateway_webhook_events" (
	"gateway" text NOT NULL,
	"event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gateway_webhook_events_gateway_event_id_pk" PRIMARY KEY("gateway","event_id")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "links_revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rate_limits" ADD COLUMN "window_ms" integer DEFAULT 3600000 NOT NULL;--> statement-breakpoint
ALTER TABLE "rate_limits" ADD COLUMN "prev_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "confirm_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "return_address" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "consecutive_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "failing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
CREATE INDEX "gateway_webhook_events_received_idx" ON "gateway_webhook_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "refunds_confirm_by_idx" ON "refunds" USING btree ("confirm_by") WHERE "refunds"."status" in ('pending', 'submitted');
--> statement-breakpoint
-- Refunds already waiting: one business day after they were sent, weekends skipped (no holidays).
UPDATE "refunds" SET "confirm_by" = coalesce("submitted_at", "created_at") + CASE extract(isodow FROM coalesce("submitted_at", "created_at")) WHEN 5 THEN interval '3 days' WHEN 6 THEN interval '2 days' ELSE interval '1 day' END WHERE "status" IN ('pending', 'submitted');

--> statement-breakpoint
-- The "card" choice (a shopper-named payment) is gone: a card retry is now "original".
UPDATE "refund_fallbacks" SET "choice" = 'original' WHERE "choice" = 'card';
