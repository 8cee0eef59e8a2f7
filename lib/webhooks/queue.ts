// Turns timeline events into webhook deliveries inside the transaction that wrote them, so a
// delivery exists if and only if the state change committed. Costs nothing for events nobody can
// subscribe to, and one query on the (tiny) endpoints table otherwise — none where the order's lock
// already read them (lockOrderWithStore).
import { eq, or, sql } from "drizzle-orm";
import { loadOrder, loadRefund, loadRequest } from "@/lib/api/resources";
import type { DbOrTx } from "@/lib/db";
import { readOnce, remember } from "@/lib/db/batched";
import { webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import type { NewEvent } from "@/lib/events/record";
import { enqueue } from "@/lib/jobs/enqueue";
import { webhookTypeFor } from "./events";

/** The shape of `data` receivers can rely on; raised only with a change they must handle. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

export type WebhookPayload = { id: string; type: string; version: number; timestamp: string; data: unknown };

export const webhookMessageId = (eventId: number | string) => `evt_${eventId}`;

export async function queueWebhooksForEvents(tx: DbOrTx, list: NewEvent[], eventIds: number[]) {
  const candidates = list
    .map((event, i) => ({ event, eventId: eventIds[i], type: webhookTypeFor(event.type) }))
    .filter(
      (c): c is { event: NewEvent; eventId: number; type: NonNullable<typeof c.type> } =>
        !!c.type && c.eventId !== undefined,
    );
  if (candidates.length === 0) return;
  const endpoints = await enabledEndpoints(tx);
  if (endpoints.length === 0) return;
  for (const { event, eventId, type } of candidates) {
    const subscribers = endpoints.filter((e) => e.events.includes(type));
    if (subscribers.length === 0) continue;
    const payload: WebhookPayload = {
      id: webhookMessageId(eventId),
      type,
      version: WEBHOOK_PAYLOAD_VERSION,
      timestamp: (event.at ?? new Date()).toISOString(),
      data: await subjectOf(tx, event),
    };
    const rows = await tx
      .insert(webhookDeliveries)
      .values(
        subscribers.map((s) => ({
          endpointId: s.id,
          eventId: String(eventId),
          eventType: type,
          subjectId: event.subjectId,
          payload,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId })
      .then((inserted) =>
        inserted.map((r) => ({ ...r, sending: subscribers.find((s) => s.id === r.endpointId)!.enabled })),
      );
    // An endpoint disabled for failing keeps its deliveries, sent once an owner enables it again.
    for (const row of rows) {
      if (row.sending) await enqueue(tx, "webhook.deliver", { deliveryId: row.id });
    }
  }
}

type EndpointRef = { id: string; events: string[]; enabled: boolean };
const ENDPOINTS_KEY = "webhooks.enabledEndpoints";
/**
 * Which endpoints get deliveries, the one predicate of both reads below: the enabled ones, and
 * those disabled for failing (an endpoint an owner paused gets nothing).
 */
const isEnabled = or(eq(webhookEndpoints.enabled, true), eq(webhookEndpoints.disabledReason, "failing"))!;

/**
 * The enabled endpoints as a column of another statement (the order's lock in lockOrderWithStore,
 * which the intake and a refund's submission take first): `rememberEnabledEndpoints` then spares
 * the transaction its own read.
 */
export const enabledEndpointsColumn = sql<EndpointRef[]>`(
  select coalesce(json_agg(json_build_object('id', ${webhookEndpoints.id}, 'events', ${webhookEndpoints.events}, 'enabled', ${webhookEndpoints.enabled})), '[]'::json)
  from ${webhookEndpoints} where ${isEnabled})`;

export function rememberEnabledEndpoints(tx: DbOrTx, endpoints: EndpointRef[]) {
  remember(tx, ENDPOINTS_KEY, endpoints);
}

/** Enabled endpoints, read once per batched transaction (see withBatchedWrites). */
function enabledEndpoints(tx: DbOrTx): Promise<EndpointRef[]> {
  return readOnce(tx, ENDPOINTS_KEY, () =>
    tx
      .select({ id: webhookEndpoints.id, events: webhookEndpoints.events, enabled: webhookEndpoints.enabled })
      .from(webhookEndpoints)
      .where(isEnabled),
  );
}

/** Whether any enabled endpoint subscribes to one of these events. */
export async function webhookSubscribersFor(tx: DbOrTx, list: NewEvent[]): Promise<boolean> {
  const types = list.map((e) => webhookTypeFor(e.type)).filter((t) => t !== undefined);
  if (types.length === 0) return false;
  const endpoints = await enabledEndpoints(tx);
  return endpoints.some((e) => types.some((t) => e.events.includes(t)));
}

/** The subject as the API shows it, read inside the event's transaction. */
function subjectOf(tx: DbOrTx, event: NewEvent) {
  if (event.subjectType === "request") return loadRequest(tx, event.storeId, event.subjectId);
  if (event.subjectType === "refund") return loadRefund(tx, event.storeId, event.subjectId);
  return loadOrder(tx, event.subjectId);
}
