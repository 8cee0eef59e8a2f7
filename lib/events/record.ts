// Timeline and audit events. Callers pass the transaction that changes the state, so the
// change and its event commit together (DESIGN.md §4.3).
import type { DbOrTx } from "@/lib/db";
import { flushStage, writeOrBatch } from "@/lib/db/batched";
import { events } from "@/lib/db/schema";
import { queueWebhooksForEvents, webhookSubscribersFor } from "@/lib/webhooks/queue";

export type Actor = {
  type: (typeof events.$inferInsert)["actorType"];
  id?: string | null;
};

export const SYSTEM: Actor = { type: "system" };

export type NewEvent = {
  storeId: string;
  subjectType: (typeof events.$inferInsert)["subjectType"];
  subjectId: string;
  orderId?: string | null;
  actor: Actor;
  type: string;
  data?: Record<string, unknown>;
  at?: Date;
};

/**
 * Writes the events, and their webhook deliveries, on `tx`. Inside withBatchedWrites they are
 * written with the transaction's other events before it commits — unless an endpoint subscribes to
 * one of them: then everything pending is written now, so the delivery carries the subject as it is
 * at this event, and the timeline keeps its order.
 */
export async function recordEvents(tx: DbOrTx, list: NewEvent[]) {
  if (list.length === 0) return;
  const waiting = await writeOrBatch(tx, "events", list, (rows) => insertEvents(tx, rows));
  if (waiting && (await webhookSubscribersFor(tx, list))) await flushStage(tx, "events");
}

async function insertEvents(tx: DbOrTx, list: NewEvent[]) {
  if (list.length === 0) return;
  const inserted = await tx
    .insert(events)
    .values(
      list.map((e) => ({
        storeId: e.storeId,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        orderId: e.orderId ?? null,
        actorType: e.actor.type,
        actorId: e.actor.id ?? null,
        type: e.type,
        data: e.data ?? {},
        ...(e.at ? { createdAt: e.at } : {}),
      })),
    )
    .returning({ id: events.id });
  // Webhooks for these events are queued in the same transaction as the change.
  await queueWebhooksForEvents(
    tx,
    list,
    inserted.map((r) => r.id),
  );
}

export const recordEvent = (tx: DbOrTx, e: NewEvent) => recordEvents(tx, [e]);
