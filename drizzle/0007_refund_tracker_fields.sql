ALTER TABLE "refund_fallbacks" ADD COLUMN "flag_resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "gateway_status" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "pending_reason" text;