import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Database, setDatabaseForTests } from "@/lib/db";
import { events, notifications, webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { recordEvent } from "@/lib/events/record";
import { runJobsNow } from "@/lib/jobs/drain";
import { findOrderByNumberAndEmail } from "@/lib/lookup/queries";
import { submitRefund } from "@/lib/refunds/commands";
import { submitRequest } from "@/lib/requests/commands";
import { ensureOwner } from "@/lib/staff/commands";
import { createWebhookEndpoint, redeliverWebhook, setWebhookEndpointEnabled } from "@/lib/webhooks/commands";
import { deliverWebhook, WebhookDeliveryError } from "@/lib/webhooks/deliver";
import { DISABLE_AFTER_MS, FAILURES_BEFORE_ALERT, FAILURES_BEFORE_DISABLE } from "@/lib/webhooks/health";
import { WEBHOOK_PAYLOAD_VERSION } from "@/lib/webhooks/queue";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { createDemoDatabase } from "../fixtures/db";
import { formToken, orderByNumber, sandbox } from "../fixtures/engine";
import { type AnyJson, apiClientFor, orderPayload } from "./api-harness";

type Received = {
  id: string;
  type: string;
  subjectId: string;
  body: Record<string, AnyJson>;
  headers: Record<string, string>;
};

/** A real receiver on 127.0.0.1 that verifies every signature and can be told to fail. */
function startReceiver() {
  const received: Received[] = [];
  const rejected: string[] = [];
  const state = { secret: "", failNext: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      if (state.failNext > 0) {
        state.failNext -= 1;
        res.writeHead(503).end("try later");
        return;
      }
      try {
        const body = new Webhook(state.secret).verify(raw, headers) as Record<string, AnyJson>;
        received.push({
          id: headers["webhook-id"]!,
          type: body.type,
          subjectId: body.data.id,
          body,
          headers,
        });
        res.writeHead(204).end();
      } catch (error) {
        rejected.push((error as Error).message);
        res.writeHead(400).end();
      }
    });
  });
  return new Promise<{
    url: string;
    received: Received[];
    rejected: string[];
    state: typeof state;
    close: () => Promise<void>;
  }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/hooks`,
        received,
        rejected,
        state,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

let database: Database;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: Awaited<ReturnType<typeof apiClientFor>>;
const owner = { actor: { type: "staff" as const, id: "owner-1" }, storeId: DEMO_STORE_ID };
const drainWebhooks = (options: { ignoreStartAfter?: boolean } = {}) =>
  runJobsNow(database, { names: ["webhook.deliver"], ...options });

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(async () => {
  database = await createDemoDatabase();
  api = await apiClientFor(database);
  receiver.received.length = 0;
  receiver.rejected.length = 0;
  receiver.state.failNext = 0;
});
afterEach(async () => {
  setDatabaseForTests(undefined);
  await database.close();
});

async function subscribe(events: (typeof WEBHOOK_EVENT_TYPES)[number][] = [...WEBHOOK_EVENT_TYPES]) {
  const endpoint = await createWebhookEndpoint(database.db, { url: receiver.url, events }, owner);
  receiver.state.secret = endpoint.secret;
  return endpoint;
}

const eventNumber = (r: Received) => Number(r.id.replace("evt_", ""));

/** Per subject, the order the receiver saw events in must be the order they happened in. */
function expectInOrderPerSubject(list: Received[]) {
  const bySubject = new Map<string, number[]>();
  for (const r of list) bySubject.set(r.subjectId, [...(bySubject.get(r.subjectId) ?? []), eventNumber(r)]);
  for (const ids of bySubject.values()) expect(ids).toEqual([...ids].sort((a, b) => a - b));
}

describe("a return's whole life over the API, with webhooks", () => {
  it("import → fulfil → deliver → shopper request → received → refund succeeds; each webhook signed and in order", async () => {
    const endpoint = await subscribe();
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);

    const imported = await api.post("/orders", orderPayload("8001"), {
      headers: { "Idempotency-Key": "import-8001" },
    });
    expect(imported.status).toBe(201);
    const shipped = await api.post("/orders/8001/fulfillments", {
      carrier: "Posten",
      trackingNumber: "PN-8001",
      shippedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    });
    expect(shipped.status).toBe(201);
    expect(
      (
        await api.post(`/fulfillments/${shipped.body.id}/delivered`, {
          deliveredAt: new Date(Date.now() - 86_400_000).toISOString(),
        })
      ).status,
    ).toBe(200);

    // The shopper finds the order on the portal and asks to return the sweater.
    const found = await findOrderByNumberAndEmail(
      database.db,
      DEMO_STORE_ID,
      "8001",
      "buyer8001@example.com",
    );
    const order = await orderByNumber(database.db, "8001");
    const sweater = order.lines.find((l) => l.sku === "NS-SWEATER-M")!;
    const { requestId, status } = await submitRequest(
      database.db,
      {
        orderId: found!.id,
        type: "return",
        lines: [{ lineItemId: sweater.id, quantity: 1 }],
        reasonCode: "doesnt_fit",
        idempotencyKey: formToken(),
      },
      { type: "shopper" },
    );
    expect(status).toBe("awaiting_item");

    const received = await api.post(`/requests/${requestId}/received`);
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: "refunding", refundId: expect.any(String) });
    const refundId = received.body.refundId as string;

    const { resolve } = sandbox();
    expect(await submitRefund(database.db, refundId, resolve)).toBe("succeeded");
    const refund = await api.get(`/refunds/${refundId}`);
    expect(refund.body).toMatchObject({ status: "succeeded", amount: 89_900 + 22_475, requestId });
    expect((await api.get(`/requests/${requestId}`)).body.status).toBe("completed");

    const drained = await drainWebhooks();
    expect(drained.failed + drained.retry).toBe(0);
    expect(receiver.rejected).toEqual([]);
    // Subjects do not wait for each other; within a subject the order is the events' order.
    expectInOrderPerSubject(receiver.received);
    const byEvent = [...receiver.received].sort((a, b) => eventNumber(a) - eventNumber(b));
    expect(byEvent.map((r) => r.type)).toEqual([
      "request.created",
      "request.decided",
      "refund.created",
      "refund.succeeded",
    ]);

    const [created, decided, refundCreated, succeeded] = byEvent;
    expect(created!.body).toMatchObject({
      type: "request.created",
      data: { object: "request", id: requestId, orderNumber: "8001", type: "return" },
    });
    expect(decided!.body.data.decision).toMatchObject({
      outcome: "auto_approve",
      ruleId: "return-in-window",
    });
    expect(refundCreated!.body.data).toMatchObject({ object: "refund", id: refundId, status: "pending" });
    expect(succeeded!.body.data).toMatchObject({ id: refundId, status: "succeeded" });
    for (const r of receiver.received) {
      expect(r.body.id).toBe(r.id);
      expect(new Date(r.body.timestamp).toString()).not.toBe("Invalid Date");
      // The same signature by hand, from the spec: HMAC-SHA256 of "{id}.{timestamp}.{body}".
      const key = Buffer.from(endpoint.secret.slice("whsec_".length), "base64");
      const raw = JSON.stringify(r.body);
      const expected = createHmac("sha256", key)
        .update(`${r.id}.${r.headers["webhook-timestamp"]}.${raw}`)
        .digest("base64");
      expect(r.headers["webhook-signature"]).toBe(`v1,${expected}`);
    }

    const log = await database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.endpointId));
    expect(log).toHaveLength(4);
    for (const d of log) expect(d).toMatchObject({ status: "sent", attempts: 1, lastStatusCode: 204 });
  });

  it("a merchant cancel over the API sends order.cancelled and refund.created", async () => {
    await subscribe(["order.cancelled", "refund.created"]);
    await api.post("/orders", orderPayload("8002"));
    const cancelled = await api.post("/orders/8002/cancel", { reason: "inventory", notifyShopper: false });
    expect(cancelled.status).toBe(200);
    await drainWebhooks();
    const byEvent = [...receiver.received].sort((a, b) => eventNumber(a) - eventNumber(b));
    expect(byEvent.map((r) => r.type)).toEqual(["order.cancelled", "refund.created"]);
    expect(byEvent[0]!.body.data).toMatchObject({ object: "order", number: "8002", status: "cancelled" });
  });
});

describe("delivery", () => {
  async function requestWithTwoEvents(number = "1001") {
    const order = await orderByNumber(database.db, number);
    return submitRequest(
      database.db,
      {
        orderId: order.id,
        type: "cancellation",
        lines: order.lines.map((l) => ({ lineItemId: l.id, quantity: l.quantity })),
        reasonCode: "changed_mind",
        idempotencyKey: formToken(),
      },
      { type: "shopper" },
    );
  }

  it("retries a failed delivery with backoff, and a later event for the subject waits for it", async () => {
    const { endpointId } = await subscribe(["request.created", "request.decided"]);
    await requestWithTwoEvents();
    receiver.state.failNext = 1;
    const first = await drainWebhooks();
    expect(first.retry).toBe(1);
    expect(receiver.received).toEqual([]);
    const [failed] = await database.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.eventType, "request.created")),
      );
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 503 });

    // The retry's backoff has not passed: nothing more goes out yet, the later event included.
    await drainWebhooks();
    expect(receiver.received).toEqual([]);

    await drainWebhooks({ ignoreStartAfter: true });
    expect(receiver.received.map((r) => r.type)).toEqual(["request.created", "request.decided"]);
    expectInOrderPerSubject(receiver.received);
    const rows = await database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpointId));
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("gives up after the last attempt, and an owner can send it again as the same message", async () => {
    const { endpointId } = await subscribe(["request.created"]);
    await requestWithTwoEvents();
    receiver.state.failNext = 100;
    for (let i = 0; i < 12; i++) await drainWebhooks({ ignoreStartAfter: true });
    const [row] = await database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpointId));
    expect(row).toMatchObject({ status: "failed", attempts: 9, lastStatusCode: 503 });

    receiver.state.failNext = 0;
    await redeliverWebhook(database.db, { deliveryId: row!.id }, owner);
    await drainWebhooks();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.id).toBe(`evt_${row!.eventId}`);
    const [after] = await database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, row!.id));
    expect(after).toMatchObject({ status: "sent", attempts: 10 });
    const audit = await database.db
      .select()
      .from(events)
      .where(eq(events.type, "webhook_delivery.redelivered"));
    expect(audit).toHaveLength(1);
  });

  it("a paused endpoint gets nothing new, and is sent what was already waiting once resumed", async () => {
    const { endpointId } = await subscribe(["request.created", "request.decided"]);
    await requestWithTwoEvents("1001");
    await setWebhookEndpointEnabled(database.db, { endpointId, enabled: false }, owner);
    await drainWebhooks();
    expect(receiver.received).toEqual([]);
    await requestWithTwoEvents("1005");
    expect(await database.db.select().from(webhookDeliveries)).toHaveLength(2);

    await setWebhookEndpointEnabled(database.db, { endpointId, enabled: true }, owner);
    await drainWebhooks({ ignoreStartAfter: true });
    expect(receiver.received.map((r) => r.type).sort()).toEqual(["request.created", "request.decided"]);
    expect(receiver.rejected).toEqual([]);
  });

  it("an endpoint failing in a row: owners e-mailed at 10, disabled at 100, sent what it missed once enabled again", async () => {
    await ensureOwner(database.db, DEMO_STORE_ID, "owner@nordlys.example", "a-long-enough-password");
    const { endpointId } = await subscribe(["request.created", "request.decided"]);
    await requestWithTwoEvents("1001");
    const [first] = await database.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.eventId);
    receiver.state.failNext = 1_000;
    const fail = async (times: number, last = false) => {
      for (let i = 0; i < times; i++) {
        await expect(
          deliverWebhook(database.db, first!.id, { isLastAttempt: last && i === times - 1 }),
        ).rejects.toThrow(WebhookDeliveryError);
      }
    };
    const alerts = () =>
      database.db.select().from(notifications).where(eq(notifications.template, "webhook_endpoint_failing"));
    const endpoint = async () =>
      (await database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)))[0]!;

    await fail(FAILURES_BEFORE_ALERT - 1);
    expect(await alerts()).toEqual([]);
    await fail(1);
    expect((await alerts()).map((n) => n.to)).toEqual(["owner@nordlys.example"]);
    expect((await endpoint()).enabled).toBe(true);

    await fail(FAILURES_BEFORE_DISABLE - FAILURES_BEFORE_ALERT, true);
    expect(await endpoint()).toMatchObject({
      enabled: false,
      disabledReason: "failing",
      consecutiveFailures: 100,
    });
    expect((await alerts()).map((n) => n.subject)).toEqual([
      expect.stringContaining("keeps failing"),
      expect.stringContaining("was disabled"),
    ]);
    const audit = await database.db
      .select()
      .from(events)
      .where(eq(events.type, "webhook_endpoint.auto_disabled"));
    expect(audit).toHaveLength(1);

    // While disabled, what happens is recorded for it and not sent.
    await requestWithTwoEvents("1005");
    await drainWebhooks({ ignoreStartAfter: true });
    expect(receiver.received).toEqual([]);
    const recorded = await database.db.select().from(webhookDeliveries);
    expect(recorded.length).toBeGreaterThan(2);

    receiver.state.failNext = 0;
    await setWebhookEndpointEnabled(database.db, { endpointId, enabled: true }, owner);
    // A later event of a subject waits (deferred) for the earlier one: drain until all is sent.
    for (let i = 0; i < 5 && receiver.received.length < recorded.length; i++) {
      await drainWebhooks({ ignoreStartAfter: true });
    }
    expect(receiver.received).toHaveLength(recorded.length);
    expect(receiver.received.every((r) => r.body.version === WEBHOOK_PAYLOAD_VERSION)).toBe(true);
    expect(await endpoint()).toMatchObject({ enabled: true, consecutiveFailures: 0, failingSince: null });
  });

  it("disables an endpoint that has failed for three days, even below 100 failures", async () => {
    const { endpointId } = await subscribe(["request.created"]);
    await requestWithTwoEvents("1001");
    const [delivery] = await database.db.select().from(webhookDeliveries);
    receiver.state.failNext = 10;
    const now = new Date();
    await expect(deliverWebhook(database.db, delivery!.id, { isLastAttempt: false }, now)).rejects.toThrow();
    await database.db
      .update(webhookEndpoints)
      .set({ failingSince: new Date(now.getTime() - DISABLE_AFTER_MS) })
      .where(eq(webhookEndpoints.id, endpointId));
    await expect(deliverWebhook(database.db, delivery!.id, { isLastAttempt: false }, now)).rejects.toThrow();
    const [endpoint] = await database.db.select().from(webhookEndpoints);
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: "failing", consecutiveFailures: 2 });
  });

  it("queues nothing when no endpoint listens, and only the subscribed types otherwise", async () => {
    await requestWithTwoEvents();
    expect(await database.db.select().from(webhookDeliveries)).toHaveLength(0);
    await subscribe(["refund.succeeded"]);
    await recordEvent(database.db, {
      storeId: DEMO_STORE_ID,
      subjectType: "order",
      subjectId: (await orderByNumber(database.db, "1002")).id,
      actor: { type: "system" },
      type: "order.note",
    });
    expect(await database.db.select().from(webhookDeliveries)).toHaveLength(0);
  });
});
