CREATE TABLE "breaker_minutes" (
	"store_id" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "breaker_minutes_store_id_minute_pk" PRIMARY KEY("store_id","minute")
);
--> statement-breakpoint
DROP INDEX "refunds_breaker_idx";--> statement-breakpoint
ALTER TABLE "breaker_minutes" ADD CONSTRAINT "breaker_minutes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The circuit breaker's counters follow the refunds: an automatic (rule or system) refund that is not
-- canceled counts 1 and its amount in the minute it was created. Deferred to the commit, so the
-- counter row's lock is every transaction's last — after stock and store rows, whatever path created
-- the refund (an automatic approval, a return's arrival, a withdrawal, the ship-by SLA, a retry).
CREATE OR REPLACE FUNCTION refunds_breaker_minutes() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.created_by_type IN ('rule', 'system') AND OLD.status <> 'canceled' THEN
    INSERT INTO breaker_minutes AS b (store_id, minute, count, amount)
      VALUES (OLD.store_id, date_bin('1 minute', OLD.created_at, timestamptz '2000-01-01 00:00:00+00'), -1, -OLD.amount)
      ON CONFLICT (store_id, minute) DO UPDATE SET count = b.count - 1, amount = b.amount - OLD.amount;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.created_by_type IN ('rule', 'system') AND NEW.status <> 'canceled' THEN
    INSERT INTO breaker_minutes AS b (store_id, minute, count, amount)
      VALUES (NEW.store_id, date_bin('1 minute', NEW.created_at, timestamptz '2000-01-01 00:00:00+00'), 1, NEW.amount)
      ON CONFLICT (store_id, minute) DO UPDATE SET count = b.count + 1, amount = b.amount + NEW.amount;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
INSERT INTO breaker_minutes (store_id, minute, count, amount)
  SELECT store_id, date_bin('1 minute', created_at, timestamptz '2000-01-01 00:00:00+00'), count(*), sum(amount)
  FROM refunds WHERE created_by_type IN ('rule', 'system') AND status <> 'canceled'
  GROUP BY 1, 2;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER refunds_breaker_minutes_insert AFTER INSERT ON refunds
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.created_by_type IN ('rule', 'system') AND NEW.status <> 'canceled')
  EXECUTE FUNCTION refunds_breaker_minutes();
--> statement-breakpoint
-- Only the changes that move a refund's contribution (a status change between canceled and not,
-- its time, amount, origin or store) queue an event: a submission's status changes queue nothing.
CREATE CONSTRAINT TRIGGER refunds_breaker_minutes_update AFTER UPDATE ON refunds
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.status = 'canceled') IS DISTINCT FROM (NEW.status = 'canceled')
    OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.amount IS DISTINCT FROM NEW.amount
    OR OLD.created_by_type IS DISTINCT FROM NEW.created_by_type OR OLD.store_id IS DISTINCT FROM NEW.store_id)
  EXECUTE FUNCTION refunds_breaker_minutes();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER refunds_breaker_minutes_delete AFTER DELETE ON refunds
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.created_by_type IN ('rule', 'system') AND OLD.status <> 'canceled')
  EXECUTE FUNCTION refunds_breaker_minutes();
