import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { events, lineItems, orders, refundLines, refunds, requests } from "@/lib/db/schema";
import { createDemoDatabase } from "../fixtures/db";

let database: Database;
beforeAll(async () => {
  database = await createDemoDatabase();
});
afterAll(async () => {
  await database.close();
});

async function order(number: string) {
  const [o] = await database.db.select().from(orders).where(eq(orders.number, number));
  const lines = await database.db.select().from(lineItems).where(eq(lineItems.orderId, o!.id));
  return { ...o!, lines };
}

/** drizzle wraps driver errors; the constraint name sits on the cause. */
async function violation(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as {
      cause?: { constraint?: string; message?: string };
      constraint?: string;
      message: string;
    };
    return e.cause?.constraint ?? e.constraint ?? e.cause?.message ?? e.message;
  }
  throw new Error("expected the database to refuse the write");
}

describe("database constraints", () => {
  it("rejects a negative refund", async () => {
    const o = await order("1002");
    const name = await violation(
      database.db.insert(refunds).values({
        orderId: o.id,
        storeId: o.storeId,
        amount: -100,
        currency: "NOK",
        gateway: "sandbox",
        paymentMethodType: "card",
        idempotencyKey: "neg-1",
        createdByType: "staff",
      }),
    );
    expect(name).toBe("refunds_amount_positive");
  });

  it("rejects refunding more than was captured on the order", async () => {
    const o = await order("1002");
    const name = await violation(
      database.db
        .update(orders)
        .set({ refundedAmount: o.capturedAmount + 1 })
        .where(eq(orders.id, o.id)),
    );
    expect(name).toBe("orders_refund_within_capture");
  });

  it("rejects an over-quantity refund line", async () => {
    const o = await order("1002");
    const line = o.lines[0]!;
    const name = await violation(
      database.db
        .update(lineItems)
        .set({ quantityRefunded: line.quantity + 1 })
        .where(eq(lineItems.id, line.id)),
    );
    expect(name).toBe("line_items_refunded_within_quantity");
  });

  it("rejects a refund line that restocks more than it refunds", async () => {
    const o = await order("1002");
    const [refund] = await database.db
      .insert(refunds)
      .values({
        orderId: o.id,
        storeId: o.storeId,
        amount: 100,
        currency: "NOK",
        gateway: "sandbox",
        paymentMethodType: "card",
        idempotencyKey: "restock-1",
        createdByType: "staff",
      })
      .returning();
    const name = await violation(
      database.db.insert(refundLines).values({
        refundId: refund!.id,
        lineItemId: o.lines[0]!.id,
        quantity: 1,
        amount: 100,
        restockQuantity: 2,
      }),
    );
    expect(name).toBe("refund_lines_restock_within_quantity");
  });

  it("rejects cancelled plus fulfilled above the purchased quantity", async () => {
    const o = await order("1002");
    const line = o.lines[0]!;
    const name = await violation(
      database.db.update(lineItems).set({ quantityCancelled: 1 }).where(eq(lineItems.id, line.id)),
    );
    expect(name).toBe("line_items_cancelled_fulfilled_within_quantity");
  });

  it("rejects a second open cancellation request for one order", async () => {
    const o = await order("1001");
    const base = {
      orderId: o.id,
      type: "cancellation" as const,
      reasonCode: "changed_mind",
      currency: "NOK",
    };
    await database.db
      .insert(requests)
      .values({ ...base, idempotencyKey: "cancel-a", status: "pending_review" });
    const name = await violation(
      database.db.insert(requests).values({ ...base, idempotencyKey: "cancel-b" }),
    );
    expect(name).toBe("requests_one_open_cancellation_uq");
    const open = await database.db
      .select()
      .from(requests)
      .where(and(eq(requests.orderId, o.id), eq(requests.type, "cancellation")));
    expect(open).toHaveLength(1);
  });

  it("rejects a reused refund idempotency key", async () => {
    const o = await order("1002");
    const row = {
      orderId: o.id,
      storeId: o.storeId,
      amount: 100,
      currency: "NOK",
      gateway: "sandbox",
      paymentMethodType: "card" as const,
      idempotencyKey: "same-key",
      createdByType: "staff" as const,
    };
    await database.db.insert(refunds).values(row);
    expect(await violation(database.db.insert(refunds).values(row))).toBe("refunds_idempotency_uq");
  });

  it("rejects a second order with the same number in a store", async () => {
    const o = await order("1002");
    const { id: _id, lines: _lines, externalId: _e, ...rest } = o;
    expect(await violation(database.db.insert(orders).values({ ...rest }))).toBe("orders_store_number_uq");
  });

  it("refuses to change or delete timeline events", async () => {
    const [e] = await database.db.select().from(events).limit(1);
    expect(
      await violation(database.db.update(events).set({ type: "tampered" }).where(eq(events.id, e!.id))),
    ).toMatch(/append-only/);
    expect(await violation(database.db.delete(events).where(eq(events.id, e!.id)))).toMatch(/append-only/);
  });
});
