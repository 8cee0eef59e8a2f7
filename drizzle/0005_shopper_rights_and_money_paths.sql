CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"order_id" uuid,
	"gateway" text NOT NULL,
	"gateway_dispute_id" text NOT NULL,
	"payment_reference" text NOT NULL,
	"amount" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"reason" text,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disputes_status" CHECK (status in ('open', 'won', 'lost', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "refund_fallbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"order_id" uuid NOT NULL,
	"refund_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"choice" text,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"failed_idempotency_key" text NOT NULL,
	"failed_gateway_refund_id" text,
	"failed_payment_reference" text,
	"failure_code" text NOT NULL,
	"new_payment_reference" text,
	"account_holder" text,
	"iban" text,
	"store_credit_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"chosen_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"late_success_at" timestamp with time zone,
	"flagged_at" timestamp with time zone,
	"flag_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refund_fallbacks_status" CHECK (status in ('open', 'chosen', 'settled', 'cancelled')),
	CONSTRAINT "refund_fallbacks_amount_positive" CHECK ("refund_fallbacks"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "store_credits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"order_id" uuid,
	"refund_id" uuid,
	"email" text NOT NULL,
	"code" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_credits_amount_positive" CHECK ("store_credits"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"order_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"reason" text,
	"scope" text NOT NULL,
	"lines" jsonb NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"idempotency_key" text NOT NULL,
	"acknowledgement_id" uuid,
	"cancellation_request_id" uuid,
	"return_request_id" uuid,
	"created_by_type" text DEFAULT 'shopper' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "withdrawals_scope" CHECK (scope in ('all', 'some')),
	CONSTRAINT "withdrawals_email_lower" CHECK ("withdrawals"."email" = lower("withdrawals"."email"))
);
--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "arn" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "hold_reason" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "mismatch" jsonb;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "reconciled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "withdrawal_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "withdrawal_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "withdrawal_labels" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "store_credit_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_fallbacks" ADD CONSTRAINT "refund_fallbacks_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_fallbacks" ADD CONSTRAINT "refund_fallbacks_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_fallbacks" ADD CONSTRAINT "refund_fallbacks_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_credits" ADD CONSTRAINT "store_credits_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_credits" ADD CONSTRAINT "store_credits_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_credits" ADD CONSTRAINT "store_credits_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_cancellation_request_id_requests_id_fk" FOREIGN KEY ("cancellation_request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_return_request_id_requests_id_fk" FOREIGN KEY ("return_request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_gateway_id_uq" ON "disputes" USING btree ("gateway","gateway_dispute_id");--> statement-breakpoint
CREATE INDEX "disputes_payment_idx" ON "disputes" USING btree ("payment_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "refund_fallbacks_attempt_uq" ON "refund_fallbacks" USING btree ("failed_idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "refund_fallbacks_one_live_uq" ON "refund_fallbacks" USING btree ("refund_id") WHERE "refund_fallbacks"."status" in ('open', 'chosen');--> statement-breakpoint
CREATE INDEX "refund_fallbacks_gateway_refund_idx" ON "refund_fallbacks" USING btree ("failed_gateway_refund_id");--> statement-breakpoint
CREATE INDEX "refund_fallbacks_status_idx" ON "refund_fallbacks" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "store_credits_code_uq" ON "store_credits" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "store_credits_refund_uq" ON "store_credits" USING btree ("refund_id") WHERE "store_credits"."refund_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "withdrawals_idempotency_uq" ON "withdrawals" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "withdrawals_store_submitted_idx" ON "withdrawals" USING btree ("store_id","submitted_at");--> statement-breakpoint
CREATE INDEX "withdrawals_order_idx" ON "withdrawals" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_held_idx" ON "refunds" USING btree ("held_at") WHERE "refunds"."held_at" is not null;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_withdrawal_days_nonneg" CHECK ("stores"."withdrawal_days" >= 0);