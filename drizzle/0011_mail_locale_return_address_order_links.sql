ALTER TABLE "orders" ADD COLUMN "links_revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "return_address" jsonb;