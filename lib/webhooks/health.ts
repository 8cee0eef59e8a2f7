// An endpoint that keeps failing: after FAILURES_BEFORE_ALERT attempts in a row its owners get an
// e-mail; after FAILURES_BEFORE_DISABLE, or once it has failed for DISABLE_AFTER_MS, it is disabled
// (its deliveries are still recorded, and sent when an owner enables it again). Any success resets.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { stores, webhookEndpoints } from "@/lib/db/schema";
import { recordEvent } from "@/lib/events/record";
import { queueNotification } from "@/lib/notifications/commands";
import { ownerEmails } from "@/lib/staff/owners";

export const FAILURES_BEFORE_ALERT = 10;
export const FAILURES_BEFORE_DISABLE = 100;
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

/** Counts one attempt's outcome on its endpoint, in the transaction that records the attempt. */
export async function recordEndpointHealth(tx: DbOrTx, endpointId: string, error: string | null, now: Date) {
  if (error === null) {
    await tx
      .update(webhookEndpoints)
      .set({ consecutiveFailures: 0, failingSince: null })
      .where(eq(webhookEndpoints.id, endpointId));
    return;
  }
  const [endpoint] = await tx
    .update(webhookEndpoints)
    .set({
      consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1`,
      failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(webhookEndpoints.id, endpointId))
    .returning();
  if (!endpoint) return;
  const failingFor = now.getTime() - (endpoint.failingSince ?? now).getTime();
  const disable =
    endpoint.enabled &&
    (endpoint.consecutiveFailures >= FAILURES_BEFORE_DISABLE || failingFor >= DISABLE_AFTER_MS);
  if (!disable && endpoint.consecutiveFailures !== FAILURES_BEFORE_ALERT) return;
  if (disable) {
    await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: "failing" })
      .where(eq(webhookEndpoints.id, endpointId));
  }
  const [store] = await tx.select({ id: stores.id }).from(stores).limit(1);
  const storeId = store!.id;
  await recordEvent(tx, {
    storeId,
    subjectType: "store",
    subjectId: storeId,
    actor: { type: "system" },
    type: disable ? "webhook_endpoint.auto_disabled" : "webhook_endpoint.failing",
    data: { endpointId, url: endpoint.url, failures: endpoint.consecutiveFailures, lastError: error },
  });
  for (const to of await ownerEmails(tx)) {
    await queueNotification(tx, {
      to,
      template: "webhook_endpoint_failing",
      params: {
        url: endpoint.url,
        failures: endpoint.consecutiveFailures,
        lastError: error.slice(0, 200),
        disabled: disable,
      },
    });
  }
}
