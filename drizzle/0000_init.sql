CREATE TABLE "api_idempotency" (
	"api_key_id" uuid NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"body_hash" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_idempotency_api_key_id_key_pk" PRIMARY KEY("api_key_id","key")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"created_by_id" text,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"locale" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_email_lower" CHECK ("customers"."email" = lower("customers"."email"))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"order_id" uuid,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"type" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_actor_type" CHECK (actor_type in ('shopper', 'staff', 'rule', 'system', 'gateway', 'api')),
	CONSTRAINT "events_subject_type" CHECK (subject_type in ('order', 'request', 'refund', 'store', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "fulfillment_items" (
	"fulfillment_id" uuid NOT NULL,
	"line_item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "fulfillment_items_fulfillment_id_line_item_id_pk" PRIMARY KEY("fulfillment_id","line_item_id"),
	CONSTRAINT "fulfillment_items_quantity_positive" CHECK ("fulfillment_items"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "fulfillments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"carrier" text,
	"tracking_number" text,
	"tracking_url" text,
	"shipped_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fulfillments_status" CHECK (status in ('pending', 'in_transit', 'delivered', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "line_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"variant_id" uuid,
	"sku" text NOT NULL,
	"title" text NOT NULL,
	"variant_title" text,
	"quantity" integer NOT NULL,
	"unit_price" integer DEFAULT 0 NOT NULL,
	"discount_allocation" integer DEFAULT 0 NOT NULL,
	"tax_allocation" integer DEFAULT 0 NOT NULL,
	"final_sale" boolean DEFAULT false NOT NULL,
	"restockable" boolean DEFAULT true NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"quantity_cancelled" integer DEFAULT 0 NOT NULL,
	"quantity_fulfilled" integer DEFAULT 0 NOT NULL,
	"quantity_returned" integer DEFAULT 0 NOT NULL,
	"quantity_refunded" integer DEFAULT 0 NOT NULL,
	"quantity_restocked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "line_items_quantity_positive" CHECK ("line_items"."quantity" > 0),
	CONSTRAINT "line_items_amounts_nonneg" CHECK ("line_items"."unit_price" >= 0 and "line_items"."discount_allocation" >= 0 and "line_items"."tax_allocation" >= 0),
	CONSTRAINT "line_items_discount_within_price" CHECK ("line_items"."discount_allocation" <= "line_items"."unit_price" * "line_items"."quantity"),
	CONSTRAINT "line_items_quantities_nonneg" CHECK ("line_items"."quantity_cancelled" >= 0 and "line_items"."quantity_fulfilled" >= 0 and "line_items"."quantity_returned" >= 0 and "line_items"."quantity_refunded" >= 0 and "line_items"."quantity_restocked" >= 0),
	CONSTRAINT "line_items_cancelled_fulfilled_within_quantity" CHECK ("line_items"."quantity_cancelled" + "line_items"."quantity_fulfilled" <= "line_items"."quantity"),
	CONSTRAINT "line_items_refunded_within_quantity" CHECK ("line_items"."quantity_refunded" <= "line_items"."quantity"),
	CONSTRAINT "line_items_returned_within_fulfilled" CHECK ("line_items"."quantity_returned" <= "line_items"."quantity_fulfilled"),
	CONSTRAINT "line_items_restocked_within_quantity" CHECK ("line_items"."quantity_restocked" <= "line_items"."quantity")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid,
	"channel" text DEFAULT 'email' NOT NULL,
	"to" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"template" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"transport" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"external_id" text,
	"number" text NOT NULL,
	"customer_id" uuid,
	"email" text NOT NULL,
	"locale" text,
	"currency" text NOT NULL,
	"subtotal" integer DEFAULT 0 NOT NULL,
	"discount_total" integer DEFAULT 0 NOT NULL,
	"shipping_total" integer DEFAULT 0 NOT NULL,
	"shipping_tax_total" integer DEFAULT 0 NOT NULL,
	"tax_total" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"captured_amount" integer DEFAULT 0 NOT NULL,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"shipping_refunded" integer DEFAULT 0 NOT NULL,
	"financial_status" text DEFAULT 'pending' NOT NULL,
	"fulfillment_status" text DEFAULT 'unfulfilled' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"risk_level" text DEFAULT 'low' NOT NULL,
	"risk_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cancel_reason" text,
	"cancelled_at" timestamp with time zone,
	"placed_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_email_lower" CHECK ("orders"."email" = lower("orders"."email")),
	CONSTRAINT "orders_currency_iso" CHECK ("orders"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "orders_amounts_nonneg" CHECK ("orders"."subtotal" >= 0 and "orders"."discount_total" >= 0 and "orders"."shipping_total" >= 0 and "orders"."shipping_tax_total" >= 0 and "orders"."tax_total" >= 0 and "orders"."total" >= 0 and "orders"."captured_amount" >= 0 and "orders"."refunded_amount" >= 0 and "orders"."shipping_refunded" >= 0),
	CONSTRAINT "orders_refund_within_capture" CHECK ("orders"."refunded_amount" <= "orders"."captured_amount"),
	CONSTRAINT "orders_shipping_refund_within_shipping" CHECK ("orders"."shipping_refunded" <= "orders"."shipping_total" + "orders"."shipping_tax_total"),
	CONSTRAINT "orders_financial_status" CHECK (financial_status in ('pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'voided')),
	CONSTRAINT "orders_fulfillment_status" CHECK (fulfillment_status in ('unfulfilled', 'partial', 'fulfilled', 'delivered')),
	CONSTRAINT "orders_status" CHECK (status in ('open', 'cancelled', 'closed')),
	CONSTRAINT "orders_risk_level" CHECK (risk_level in ('low', 'medium', 'high'))
);
--> statement-breakpoint
CREATE TABLE "payment_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"parent_id" uuid,
	"gateway" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"amount" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"gateway_reference" text,
	"payment_method" jsonb NOT NULL,
	"fee" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_transactions_amount_nonneg" CHECK ("payment_transactions"."amount" >= 0 and "payment_transactions"."fee" >= 0),
	CONSTRAINT "payment_transactions_kind" CHECK (kind in ('authorization', 'capture', 'sale', 'void', 'refund'))
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"title" text NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"final_sale" boolean DEFAULT false NOT NULL,
	"restockable" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refund_lines" (
	"refund_id" uuid NOT NULL,
	"line_item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"amount" integer NOT NULL,
	"restock_quantity" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "refund_lines_refund_id_line_item_id_pk" PRIMARY KEY("refund_id","line_item_id"),
	CONSTRAINT "refund_lines_quantity_nonneg" CHECK ("refund_lines"."quantity" >= 0),
	CONSTRAINT "refund_lines_amount_nonneg" CHECK ("refund_lines"."amount" >= 0),
	CONSTRAINT "refund_lines_restock_within_quantity" CHECK ("refund_lines"."restock_quantity" >= 0 and "refund_lines"."restock_quantity" <= "refund_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"request_id" uuid,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"shipping_amount" integer DEFAULT 0 NOT NULL,
	"restock" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"gateway" text NOT NULL,
	"payment_method_type" text NOT NULL,
	"gateway_refund_id" text,
	"idempotency_key" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"failure_code" text,
	"failure_reason" text,
	"note" text,
	"offline" boolean DEFAULT false NOT NULL,
	"claimed_at" timestamp with time zone,
	"expected_from" date,
	"expected_to" date,
	"submitted_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"created_by_type" text NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount" > 0),
	CONSTRAINT "refunds_shipping_within_amount" CHECK ("refunds"."shipping_amount" >= 0 and "refunds"."shipping_amount" <= "refunds"."amount"),
	CONSTRAINT "refunds_attempts_nonneg" CHECK ("refunds"."attempts" >= 0),
	CONSTRAINT "refunds_status" CHECK (status in ('pending', 'submitted', 'succeeded', 'failed', 'canceled'))
);
--> statement-breakpoint
CREATE TABLE "request_items" (
	"request_id" uuid NOT NULL,
	"line_item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"restock_quantity" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "request_items_request_id_line_item_id_pk" PRIMARY KEY("request_id","line_item_id"),
	CONSTRAINT "request_items_quantity_positive" CHECK ("request_items"."quantity" > 0),
	CONSTRAINT "request_items_restock_within_quantity" CHECK ("request_items"."restock_quantity" >= 0 and "request_items"."restock_quantity" <= "request_items"."quantity")
);
--> statement-breakpoint
CREATE TABLE "request_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"path" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reason_code" text NOT NULL,
	"comment" text,
	"resolution" text DEFAULT 'original_payment' NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_by_type" text DEFAULT 'shopper' NOT NULL,
	"created_by_id" text,
	"preview_amount" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"include_shipping" boolean DEFAULT false NOT NULL,
	"decision" jsonb,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_type" CHECK (type in ('cancellation', 'return')),
	CONSTRAINT "requests_status" CHECK (status in ('submitted', 'auto_approved', 'pending_review', 'approved', 'declined', 'awaiting_item', 'item_received', 'refunding', 'completed', 'withdrawn')),
	CONSTRAINT "requests_preview_nonneg" CHECK ("requests"."preview_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"live" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"role" text NOT NULL,
	"password_hash" text,
	"disabled_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_users_email_lower" CHECK ("staff_users"."email" = lower("staff_users"."email")),
	CONSTRAINT "staff_users_role" CHECK (role in ('owner', 'agent', 'viewer'))
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"currency" text NOT NULL,
	"time_zone" text NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"return_window_days" integer DEFAULT 30 NOT NULL,
	"ship_by_sla_days" integer DEFAULT 3 NOT NULL,
	"max_refund_per_order" integer NOT NULL,
	"auto_refund_enabled" boolean DEFAULT true NOT NULL,
	"automation_paused_at" timestamp with time zone,
	"automation_paused_reason" text,
	"circuit_breaker" jsonb DEFAULT '{"windowMinutes":60,"maxCount":50,"maxAmount":10000000}'::jsonb NOT NULL,
	"arrival_windows" jsonb DEFAULT '{"card":[5,10],"wallet":[1,3],"bank_transfer":[3,5]}'::jsonb NOT NULL,
	"test_mode" boolean DEFAULT true NOT NULL,
	"locales" jsonb DEFAULT '["en","nb","zh"]'::jsonb NOT NULL,
	"default_locale" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stores_currency_iso" CHECK ("stores"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "stores_return_window_nonneg" CHECK ("stores"."return_window_days" >= 0),
	CONSTRAINT "stores_ship_by_positive" CHECK ("stores"."ship_by_sla_days" > 0),
	CONSTRAINT "stores_max_refund_nonneg" CHECK ("stores"."max_refund_per_order" >= 0)
);
--> statement-breakpoint
CREATE TABLE "variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"product_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"title" text NOT NULL,
	"price" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"inventory" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "variants_price_nonneg" CHECK ("variants"."price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_tokens_identifier_token_pk" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"events" jsonb NOT NULL,
	"secret" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_items" ADD CONSTRAINT "fulfillment_items_fulfillment_id_fulfillments_id_fk" FOREIGN KEY ("fulfillment_id") REFERENCES "public"."fulfillments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_items" ADD CONSTRAINT "fulfillment_items_line_item_id_line_items_id_fk" FOREIGN KEY ("line_item_id") REFERENCES "public"."line_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillments" ADD CONSTRAINT "fulfillments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transactions" ADD CONSTRAINT "payment_transactions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_lines" ADD CONSTRAINT "refund_lines_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_lines" ADD CONSTRAINT "refund_lines_line_item_id_line_items_id_fk" FOREIGN KEY ("line_item_id") REFERENCES "public"."line_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_items" ADD CONSTRAINT "request_items_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_items" ADD CONSTRAINT "request_items_line_item_id_line_items_id_fk" FOREIGN KEY ("line_item_id") REFERENCES "public"."line_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_photos" ADD CONSTRAINT "request_photos_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_uq" ON "api_keys" USING btree ("hash");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_store_email_uq" ON "customers" USING btree ("store_id","email");--> statement-breakpoint
CREATE INDEX "events_order_idx" ON "events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "events_subject_idx" ON "events" USING btree ("subject_type","subject_id","id");--> statement-breakpoint
CREATE INDEX "events_created_idx" ON "events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "fulfillments_order_idx" ON "fulfillments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "line_items_order_idx" ON "line_items" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "notifications_created_idx" ON "notifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "notifications_order_idx" ON "notifications" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_store_number_uq" ON "orders" USING btree ("store_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_store_external_uq" ON "orders" USING btree ("store_id","external_id") WHERE "orders"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "orders_store_email_placed_idx" ON "orders" USING btree ("store_id","email","placed_at");--> statement-breakpoint
CREATE INDEX "orders_store_placed_idx" ON "orders" USING btree ("store_id","placed_at");--> statement-breakpoint
CREATE INDEX "payment_transactions_order_idx" ON "payment_transactions" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_idempotency_uq" ON "refunds" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_one_per_request_uq" ON "refunds" USING btree ("request_id") WHERE "refunds"."request_id" is not null and "refunds"."status" <> 'canceled';--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_gateway_refund_uq" ON "refunds" USING btree ("gateway","gateway_refund_id") WHERE "refunds"."gateway_refund_id" is not null;--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_status_created_idx" ON "refunds" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_idempotency_uq" ON "requests" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_one_open_cancellation_uq" ON "requests" USING btree ("order_id") WHERE "requests"."type" = 'cancellation' and "requests"."status" in ('submitted', 'auto_approved', 'pending_review', 'approved', 'refunding');--> statement-breakpoint
CREATE INDEX "requests_order_idx" ON "requests" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "requests_status_created_idx" ON "requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_store_version_uq" ON "rule_sets" USING btree ("store_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_one_live_uq" ON "rule_sets" USING btree ("store_id") WHERE "rule_sets"."live";--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_email_uq" ON "staff_users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "variants_store_sku_uq" ON "variants" USING btree ("store_id","sku");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_event_uq" ON "webhook_deliveries" USING btree ("endpoint_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at");