// Gateway webhooks: verified by the adapter, deduplicated by the gateway's event id, then applied
// like any other gateway answer. Updates for refunds we do not know (made outside Aftercare) are ignored.
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { gatewayWebhookEvents, refunds } from "@/lib/db/schema";
import { recordGatewayDispute } from "@/lib/disputes/commands";
import { applyFailedAttemptNews } from "@/lib/fallbacks/late-success";
import type { GatewayRefund, PaymentGateway } from "@/lib/gateways/types";
import { applyGatewayRefund, type GatewayResolver } from "./commands";
import { appGateways } from "./gateways";

export async function applyGatewayWebhook(
  db: Db,
  gatewayName: string,
  rawBody: string,
  headers: Headers,
  gateways: GatewayResolver = appGateways(db),
) {
  const gateway = gateways(gatewayName);
  const updates = await gateway.parseWebhook(rawBody, headers);
  const eventId = gateway.webhookEventId(rawBody);
  if (eventId && !(await firstDelivery(db, gateway.name, eventId))) return 0;
  try {
    return await applyVerified(db, gateway, rawBody, headers, updates);
  } catch (error) {
    // Not applied: the gateway's redelivery must be applied, not taken for a duplicate.
    if (eventId) await forgetDelivery(db, gateway.name, eventId);
    throw error;
  }
}

/** Records the event id; false when it was already there (a redelivery). */
async function firstDelivery(db: Db, gateway: string, eventId: string) {
  const inserted = await db
    .insert(gatewayWebhookEvents)
    .values({ gateway, eventId })
    .onConflictDoNothing()
    .returning({ eventId: gatewayWebhookEvents.eventId });
  return inserted.length > 0;
}

async function forgetDelivery(db: Db, gateway: string, eventId: string) {
  await db
    .delete(gatewayWebhookEvents)
    .where(and(eq(gatewayWebhookEvents.gateway, gateway), eq(gatewayWebhookEvents.eventId, eventId)));
}

/** Gateways redeliver for days (Stripe: up to 3); event ids older than 30 days are dropped. */
export async function purgeWebhookEvents(db: Db, now = new Date()) {
  await db
    .delete(gatewayWebhookEvents)
    .where(lt(gatewayWebhookEvents.receivedAt, new Date(now.getTime() - 30 * 86_400_000)));
}

async function applyVerified(
  db: Db,
  gateway: PaymentGateway,
  rawBody: string,
  headers: Headers,
  updates: GatewayRefund[],
) {
  let applied = 0;
  for (const dispute of (await gateway.parseDisputes?.(rawBody, headers)) ?? []) {
    if (await recordGatewayDispute(db, gateway.name, dispute)) applied += 1;
  }
  for (const update of updates) {
    // A failed attempt the shopper was offered a fallback for, now reported as succeeded.
    const late = await applyFailedAttemptNews(db, gateway.name, update);
    if (late !== "not_ours") {
      if (late !== "already_known") applied += 1;
      continue;
    }
    const [row] = await db
      .select({ id: refunds.id })
      .from(refunds)
      .where(and(eq(refunds.gateway, gateway.name), eq(refunds.gatewayRefundId, update.id)));
    if (!row) continue;
    const outcome = await applyGatewayRefund(db, row.id, update);
    if (outcome !== "skipped") applied += 1;
  }
  return applied;
}
