ALTER TABLE "refunds" ADD COLUMN "store_id" text;--> statement-breakpoint
UPDATE "refunds" SET "store_id" = "orders"."store_id" FROM "orders" WHERE "orders"."id" = "refunds"."order_id";--> statement-breakpoint
ALTER TABLE "refunds" ALTER COLUMN "store_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "refunds_breaker_idx" ON "refunds" USING btree ("store_id","created_at","amount","request_id") WHERE "refunds"."created_by_type" in ('rule', 'system') and "refunds"."status" <> 'canceled';
