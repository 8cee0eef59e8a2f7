CREATE TABLE "gateway_webhook_events" (
	"gateway" text NOT NULL,
	"event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gateway_webhook_events_gateway_event_id_pk" PRIMARY KEY("gateway","event_id")
);
--> statement-breakpoint
CREATE INDEX "gateway_webhook_events_received_idx" ON "gateway_webhook_events" USING btree ("received_at");