// Gateway webhooks: verified by the adapter, then applied like any other gateway answer.
// Updates for refunds we do not know (made outside Aftercare) are ignored.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { refunds } from "@/lib/db/schema";
import { recordGatewayDispute } from "@/lib/disputes/commands";
import { applyFailedAttemptNews } from "@/lib/fallbacks/late-success";
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
