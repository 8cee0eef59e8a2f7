// What the console's forms send, run through the domain commands on the demo data: the refund
// the decision panel shows is the refund that is made; "cancel as fraud" cancels, refunds,
// restocks and notes in one step; two agents deciding at once make one refund; a failed refund
// is retried. (The server actions add only the role check, covered in auth.test.ts and e2e.)
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import {
  events,
  lineItems,
  orders,
  refundLines,
  refunds,
  requestItems,
  requests,
  variants,
} from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import type { Actor } from "@/lib/events/record";
import { computeRefund } from "@/lib/money";
import { cancelOrder } from "@/lib/orders/commands";
import { retryRefund } from "@/lib/refunds/commands";
import { approveRequest } from "@/lib/requests/commands";
import { getRequestForStaff, listRequestQueue } from "@/lib/requests/queries";
import { parseQueueFilters } from "@/lib/console/queue-filters";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { createStaffUser } from "@/lib/staff/commands";
import { createDemoDatabase } from "../fixtures/db";

let database: Database;
let AGENT: Actor;
let OTHER_AGENT: Actor;
beforeAll(async () => {
  database = await createDemoDatabase({ generated: 0 });
  const agent = (email: string) =>
    createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email, role: "agent", password: "agent-password" },
      { type: "system" },
    );
  AGENT = { type: "staff", id: (await agent("agent.one@nordlys.example")).staffId };
  OTHER_AGENT = { type: "staff", id: (await agent("agent.two@nordlys.example")).staffId };
});
afterAll(async () => {
  await database.close();
});

const orderNumbered = async (number: string) =>
  (await database.db.select().from(orders).where(eq(orders.number, number)))[0]!;

async function pendingRequestOf(number: string) {
  const order = await orderNumbered(number);
  const [request] = await database.db
    .select()
    .from(requests)
    .where(and(eq(requests.orderId, order.id), eq(requests.status, "pending_review")));
  return request!;
}

describe("console decisions through the commands", () => {
  it("approves #1012 with a partial refund of one line and restock: the amount is the one the panel showed", async () => {
    const request = await pendingRequestOf("1012");
    const detail = (await getRequestForStaff(database.db, request.id))!;
    const parka = detail.lines.find((l) => l.sku === "NS-PARKA-M")!;
    const [variant] = await database.db.select().from(variants).where(eq(variants.sku, "NS-PARKA-M"));
    // What the decision panel computes for "refund 1 parka, restock 1, no shipping".
    const shown = computeRefund(
      { ...detail.order, lines: detail.lines },
      { lines: [{ lineItemId: parka.id, quantity: 1 }], includeShipping: false },
    ).total;

    const result = await approveRequest(
      database.db,
      {
        requestId: request.id,
        refund: {
          lines: [{ lineItemId: parka.id, quantity: 1, restockQuantity: 1 }],
          includeShipping: false,
        },
        note: "Parka photo checked; socks are fine",
      },
      AGENT,
    );
    expect(result.refundId).not.toBeNull();
    const [refund] = await database.db.select().from(refunds).where(eq(refunds.id, result.refundId!));
    expect(refund).toMatchObject({
      amount: shown,
      createdByType: "staff",
      createdById: AGENT.id,
      restock: true,
    });
    const lines = await database.db.select().from(refundLines).where(eq(refundLines.refundId, refund!.id));
    expect(lines).toEqual([
      expect.objectContaining({ lineItemId: parka.id, quantity: 1, restockQuantity: 1 }),
    ]);
    const [after] = await database.db.select().from(variants).where(eq(variants.sku, "NS-PARKA-M"));
    expect(after!.inventory).toBe(variant!.inventory + 1);
    // The queue no longer offers it for a decision.
    const queue = await listRequestQueue(database.db, parseQueueFilters({}));
    expect(queue.rows.map((r) => r.id)).not.toContain(request.id);
  });

  it("lets only one of two agents deciding the same request at once make a refund", async () => {
    const order = await orderNumbered("1002");
    const [line] = await database.db.select().from(lineItems).where(eq(lineItems.orderId, order.id));
    const [request] = await database.db
      .insert(requests)
      .values({
        orderId: order.id,
        type: "return",
        status: "pending_review",
        reasonCode: "damaged",
        idempotencyKey: "console-race",
        currency: "NOK",
      })
      .returning();
    await database.db
      .insert(requestItems)
      .values({ requestId: request!.id, lineItemId: line!.id, quantity: 1 });
    const refund = {
      lines: [{ lineItemId: line!.id, quantity: 1, restockQuantity: 0 }],
      includeShipping: false,
    };
    const results = await Promise.allSettled([
      approveRequest(database.db, { requestId: request!.id, refund }, AGENT),
      approveRequest(database.db, { requestId: request!.id, refund }, OTHER_AGENT),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(DomainError);
    expect((rejected.reason as DomainError).code).toBe("conflict");
    expect(await database.db.select().from(refunds).where(eq(refunds.requestId, request!.id))).toHaveLength(
      1,
    );
  });

  it("cancels #1005 as fraud: cancelled, refunded in full, restocked, and the note is in the audit log", async () => {
    const order = await orderNumbered("1005");
    const [before] = await database.db.select().from(variants).where(eq(variants.sku, "NS-PARKA-M"));
    // Exactly what the "Cancel as fraud" dialog sends.
    const result = await cancelOrder(
      database.db,
      {
        orderId: order.id,
        reason: "fraud",
        restock: true,
        refund: true,
        notifyShopper: true,
        note: "Three cards in an hour",
      },
      AGENT,
      { enforceStoreMax: true },
    );
    const after = await orderNumbered("1005");
    expect(after).toMatchObject({ status: "cancelled", cancelReason: "fraud" });
    const [refund] = await database.db.select().from(refunds).where(eq(refunds.id, result.refundId!));
    expect(refund!.amount).toBe(order.capturedAmount);
    const [variant] = await database.db.select().from(variants).where(eq(variants.sku, "NS-PARKA-M"));
    expect(variant!.inventory).toBe(before!.inventory + 2);
    const audit = await database.db.select().from(events).where(eq(events.orderId, order.id));
    expect(audit.find((e) => e.type === "order.cancelled")).toMatchObject({
      actorType: "staff",
      actorId: AGENT.id,
      data: expect.objectContaining({ reason: "fraud", note: "Three cards in an hour" }),
    });
    expect(audit.map((e) => e.type)).toEqual(expect.arrayContaining(["refund.created"]));
  });

  it("retries the failed refund of #1010 from the monitor", async () => {
    const order = await orderNumbered("1010");
    const [failed] = await database.db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(failed!.status).toBe("failed");
    await retryRefund(database.db, { refundId: failed!.id }, AGENT);
    const [row] = await database.db.select().from(refunds).where(eq(refunds.id, failed!.id));
    expect(row).toMatchObject({ status: "pending", failureReason: null });
    expect(row!.idempotencyKey).not.toBe(failed!.idempotencyKey);
    // A second click finds it no longer failed and changes nothing.
    await expect(retryRefund(database.db, { refundId: failed!.id }, AGENT)).rejects.toMatchObject({
      code: "conflict",
    });
  });
});
