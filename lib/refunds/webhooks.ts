// Gateway webhooks: verified by the adapter, then applied like any other gateway answer.
// Updates for refunds we do not know (made outside Aftercare) are ignored.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { refunds } from "@/lib/db/schema";
import { applyGatewayRefund } from "./commands";
import { appGateways } from "./gateways";

export async function applyGatewayWebhook(db: Db, gatewayName: string, rawBody: string, headers: Headers) {
  const gateway = appGateways(db)(gatewayName);
  const updates = await gateway.parseWebhook(rawBody, headers);
  let applied = 0;
  for (const update of updates) {
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
