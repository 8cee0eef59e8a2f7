CREATE INDEX "orders_risky_open_idx" ON "orders" USING btree ("placed_at") WHERE "orders"."risk_level" <> 'low' and "orders"."status" = 'open';--> statement-breakpoint
CREATE INDEX "orders_email_pattern_idx" ON "orders" USING btree ("email" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_number_idx" ON "orders" USING btree ("number");--> statement-breakpoint
CREATE INDEX "refunds_created_idx" ON "refunds" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "request_photos_request_idx" ON "request_photos" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_created_id_idx" ON "requests" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "requests_amount_id_idx" ON "requests" USING btree ("preview_amount","id");