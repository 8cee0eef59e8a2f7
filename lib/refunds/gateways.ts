// The app's gateway adapters, built from the environment. The sandbox keeps its ledger in the
// app database so every worker sees the same "bank", across restarts.
import { createHmac } from "node:crypto";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { DbSandboxLedger } from "@/lib/gateways/db-ledger";
import { getGateway } from "@/lib/gateways";
import { MissingGatewayError, type PaymentGateway } from "@/lib/gateways/types";
import type { GatewayResolver } from "./commands";

export function sandboxWebhookSecret() {
  const e = env();
  return (
    e.SANDBOX_WEBHOOK_SECRET ?? createHmac("sha256", e.authSecret).update("sandbox-webhook").digest("hex")
  );
}

export function appGateways(db: Db): GatewayResolver {
  const cache = new Map<string, PaymentGateway>();
  return (name) => {
    const hit = cache.get(name);
    if (hit) return hit;
    const e = env();
    let gateway: PaymentGateway;
    if (name === "sandbox") {
      gateway = getGateway("sandbox", {
        ledger: new DbSandboxLedger(db),
        webhookSecret: sandboxWebhookSecret(),
        settleAfterMs: Number(process.env.SANDBOX_SETTLE_MS ?? 20_000),
      });
    } else if (name === "stripe") {
      if (!e.STRIPE_SECRET_KEY)
        throw new MissingGatewayError(name, "STRIPE_SECRET_KEY is not set, so Stripe refunds cannot be sent");
      gateway = getGateway("stripe", {
        secretKey: e.STRIPE_SECRET_KEY,
        webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? "",
      });
    } else {
      throw new MissingGatewayError(name, `No payment gateway adapter can refund "${name}" payments`);
    }
    cache.set(name, gateway);
    return gateway;
  };
}
