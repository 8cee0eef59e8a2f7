import "server-only";
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";

/** Endpoints with their delivery counts, without secrets. */
export async function listWebhookEndpoints(db: DbOrTx) {
  const endpoints = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      enabled: webhookEndpoints.enabled,
      disabledReason: webhookEndpoints.disabledReason,
      consecutiveFailures: webhookEndpoints.consecutiveFailures,
      createdAt: webhookEndpoints.createdAt,
    })
    .from(webhookEndpoints)
    .orderBy(desc(webhookEndpoints.createdAt));
  const counts = await db
    .select({ endpointId: webhookDeliveries.endpointId, status: webhookDeliveries.status, n: count() })
    .from(webhookDeliveries)
    .groupBy(webhookDeliveries.endpointId, webhookDeliveries.status);
  return endpoints.map((e) => {
    const mine = counts.filter((c) => c.endpointId === e.id);
    const n = (status: string) => Number(mine.find((c) => c.status === status)?.n ?? 0);
    return { ...e, sent: n("sent"), pending: n("pending"), failed: n("failed") };
  });
}

export async function getWebhookEndpoint(db: DbOrTx, endpointId: string) {
  const [row] = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      enabled: webhookEndpoints.enabled,
      disabledReason: webhookEndpoints.disabledReason,
      consecutiveFailures: webhookEndpoints.consecutiveFailures,
      failingSince: webhookEndpoints.failingSince,
      createdAt: webhookEndpoints.createdAt,
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, endpointId));
  return row ?? null;
}

export const DELIVERY_LOG_PAGE = 50;

/** The delivery log of one endpoint, newest first; `before` pages back by event id. */
export async function listWebhookDeliveries(
  db: DbOrTx,
  endpointId: string,
  options: { before?: number } = {},
) {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      subjectId: webhookDeliveries.subjectId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
      payload: webhookDeliveries.payload,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        options.before ? sql`${webhookDeliveries.eventId}::bigint < ${options.before}` : undefined,
      ),
    )
    .orderBy(desc(sql`${webhookDeliveries.eventId}::bigint`))
    .limit(DELIVERY_LOG_PAGE + 1);
  const page = rows.slice(0, DELIVERY_LOG_PAGE);
  return {
    rows: page,
    nextBefore: rows.length > DELIVERY_LOG_PAGE ? Number(page[page.length - 1]!.eventId) : null,
  };
}

export type WebhookDeliveryRow = Awaited<ReturnType<typeof listWebhookDeliveries>>["rows"][number];
