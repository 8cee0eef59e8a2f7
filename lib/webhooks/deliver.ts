// Sends one webhook delivery. At least once: a delivery is retried with backoff until the endpoint
// answers 2xx or the job's retries run out. In order per subject per endpoint: a delivery waits
// while an earlier one for the same subject is still pending (and kicks the next when it is done).
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { enqueue } from "@/lib/jobs/enqueue";
import { env } from "@/lib/env";
import { recordEndpointHealth } from "./health";
import { postWebhook } from "./post";
import type { WebhookPayload } from "./queue";
import { webhookHeaders } from "./signing";
import { PrivateTargetError } from "./targets";

export const DELIVERY_TIMEOUT_MS = 10_000;
/** How long a later delivery waits before looking again at an earlier, still pending one. */
export const ORDER_WAIT_MS = 30_000;
/** An earlier delivery pending longer than this is stuck (its job is gone): stop waiting for it. */
const STUCK_AFTER_MS = 24 * 60 * 60 * 1000;

export type DeliveryOutcome = "sent" | "skipped" | "deferred";

export class WebhookDeliveryError extends Error {}

const eventOrder = sql`${webhookDeliveries.eventId}::bigint`;

export async function deliverWebhook(
  db: Db,
  deliveryId: string,
  attempt: { isLastAttempt: boolean },
  now = new Date(),
): Promise<DeliveryOutcome> {
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.delivery.status !== "pending" || !row.endpoint.enabled) return "skipped";
  const { delivery, endpoint } = row;

  if (await hasEarlierPending(db, delivery, now)) {
    await enqueue(
      db,
      "webhook.deliver",
      { deliveryId },
      { startAfter: new Date(now.getTime() + ORDER_WAIT_MS) },
    );
    return "deferred";
  }

  const payload = delivery.payload as WebhookPayload;
  const body = JSON.stringify(payload);
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    statusCode = await postWebhook(
      endpoint.url,
      webhookHeaders(endpoint.secret, payload.id, body, now),
      body,
      {
        timeoutMs: DELIVERY_TIMEOUT_MS,
        allowPrivate: env().webhookAllowPrivateTargets,
      },
    );
    if (statusCode < 200 || statusCode > 299) error = `The endpoint answered HTTP ${statusCode}`;
  } catch (cause) {
    error =
      (cause as Error).name === "TimeoutError"
        ? `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s`
        : cause instanceof PrivateTargetError
          ? `Refused: ${cause.message}`
          : `Could not connect: ${(cause as Error).message}`;
  }

  const gaveUp = error !== null && attempt.isLastAttempt;
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        status: error === null ? "sent" : gaveUp ? "failed" : "pending",
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastStatusCode: statusCode,
        lastError: error?.slice(0, 500) ?? null,
        lastAttemptAt: now,
        ...(error === null ? { deliveredAt: new Date() } : {}),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    await recordEndpointHealth(tx, endpoint.id, error, now);
  });
  if (error === null || gaveUp) await kickNext(db, delivery);
  if (error !== null) throw new WebhookDeliveryError(`Webhook ${delivery.id} to ${endpoint.url}: ${error}`);
  return "sent";
}

async function hasEarlierPending(db: Db, d: typeof webhookDeliveries.$inferSelect, now: Date) {
  const [earlier] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, d.endpointId),
        eq(webhookDeliveries.subjectId, d.subjectId),
        eq(webhookDeliveries.status, "pending"),
        sql`${eventOrder} < ${Number(d.eventId)}`,
        gt(webhookDeliveries.createdAt, new Date(now.getTime() - STUCK_AFTER_MS)),
      ),
    )
    .limit(1);
  return Boolean(earlier);
}

/** The next pending delivery of the same subject need not wait out its deferral. */
async function kickNext(db: Db, d: typeof webhookDeliveries.$inferSelect) {
  const [next] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, d.endpointId),
        eq(webhookDeliveries.subjectId, d.subjectId),
        eq(webhookDeliveries.status, "pending"),
        sql`${eventOrder} > ${Number(d.eventId)}`,
      ),
    )
    .orderBy(asc(eventOrder))
    .limit(1);
  if (next) await enqueue(db, "webhook.deliver", { deliveryId: next.id });
}
