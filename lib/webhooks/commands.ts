// Webhooks slice: endpoints (URL, events, signing secret shown once) and their deliveries.
// Guards: a delivery is queued only with the change it reports (see queue.ts); a redelivery
// sends the same message (same webhook-id) again; every owner action is in the audit log.
import { and, eq, gte, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db";
import { webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { DomainError, zodFieldErrors } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import { enqueue } from "@/lib/jobs/enqueue";
import type { WebhookEventType } from "./events";
import { createWebhookEndpointSchema } from "./schemas";
import { generateWebhookSecret } from "./signing";
import { privateTargetOf } from "./targets";

type Audit = { actor: Actor; storeId: string };

const audit = (tx: DbOrTx, { actor, storeId }: Audit, type: string, data: Record<string, unknown>) =>
  recordEvent(tx, { storeId, subjectType: "store", subjectId: storeId, actor, type, data });

export async function createWebhookEndpoint(
  db: Db,
  raw: { url: string; events: WebhookEventType[] },
  who: Audit,
  options: { allowPrivateTargets?: boolean } = {},
): Promise<{ endpointId: string; secret: string }> {
  const parsed = createWebhookEndpointSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(
      "invalid_input",
      "Check the highlighted fields.",
      zodFieldErrors(parsed.error.issues),
    );
  }
  const privateTarget =
    !(options.allowPrivateTargets ?? env().webhookAllowPrivateTargets) &&
    (await privateTargetOf(parsed.data.url));
  if (privateTarget) {
    throw new DomainError("invalid_input", "Check the highlighted fields.", {
      url: [`Webhooks cannot go to ${privateTarget}: a loopback or private address.`],
    });
  }
  const secret = generateWebhookSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ url: parsed.data.url, events: [...new Set(parsed.data.events)], secret })
      .returning({ id: webhookEndpoints.id });
    await audit(tx, who, "webhook_endpoint.created", {
      endpointId: row!.id,
      url: parsed.data.url,
      events: parsed.data.events,
    });
    return { endpointId: row!.id, secret };
  });
}

/**
 * A paused endpoint is sent nothing and gets no new deliveries; resuming sends what was waiting.
 * Enabling one that was disabled for failing also sends again what failed since it began failing.
 */
export async function setWebhookEndpointEnabled(
  db: Db,
  input: { endpointId: string; enabled: boolean },
  who: Audit,
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ failingSince: webhookEndpoints.failingSince })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, input.endpointId))
      .for("update");
    if (!before) throw new DomainError("not_found", "No such webhook endpoint.");
    await tx
      .update(webhookEndpoints)
      .set({
        enabled: input.enabled,
        disabledReason: null,
        ...(input.enabled ? { consecutiveFailures: 0, failingSince: null } : {}),
      })
      .where(eq(webhookEndpoints.id, input.endpointId));
    if (input.enabled) {
      const missed = before.failingSince
        ? and(
            eq(webhookDeliveries.status, "failed"),
            gte(webhookDeliveries.lastAttemptAt, before.failingSince),
          )
        : undefined;
      const waiting = await tx
        .update(webhookDeliveries)
        .set({ status: "pending" })
        .where(
          and(
            eq(webhookDeliveries.endpointId, input.endpointId),
            or(eq(webhookDeliveries.status, "pending"), missed),
          ),
        )
        .returning({ id: webhookDeliveries.id });
      for (const d of waiting) await enqueue(tx, "webhook.deliver", { deliveryId: d.id });
    }
    await audit(tx, who, input.enabled ? "webhook_endpoint.enabled" : "webhook_endpoint.disabled", {
      endpointId: input.endpointId,
    });
  });
}

export async function deleteWebhookEndpoint(db: Db, input: { endpointId: string }, who: Audit) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(webhookEndpoints)
      .where(eq(webhookEndpoints.id, input.endpointId))
      .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
    if (!row) throw new DomainError("not_found", "No such webhook endpoint.");
    await audit(tx, who, "webhook_endpoint.deleted", { endpointId: row.id, url: row.url });
  });
}

/** Sends a delivery again, as the same message, whatever became of it before. */
export async function redeliverWebhook(db: Db, input: { deliveryId: string }, who: Audit) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", lastError: null })
      .where(eq(webhookDeliveries.id, input.deliveryId))
      .returning({
        id: webhookDeliveries.id,
        endpointId: webhookDeliveries.endpointId,
        eventType: webhookDeliveries.eventType,
      });
    if (!row) throw new DomainError("not_found", "No such webhook delivery.");
    await enqueue(tx, "webhook.deliver", { deliveryId: row.id });
    await audit(tx, who, "webhook_delivery.redelivered", {
      deliveryId: row.id,
      endpointId: row.endpointId,
      eventType: row.eventType,
    });
  });
}
