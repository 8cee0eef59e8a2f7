// Batched writes (lib/db/batched.ts): a command's events, e-mails and jobs are written together
// before its commit — same transaction, same order, nothing if it rolls back — and the hot
// commands stay within a statement budget: every statement Drizzle sends, counted by its logger, on
// PGlite and on PostgreSQL (where begin and commit are two of them; PGlite opens its own).
import { and, asc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database, Db } from "@/lib/db";
import { readOnce, withBatchedWrites } from "@/lib/db/batched";
import * as schema from "@/lib/db/schema";
import { events, lineItems, notifications, orders, refunds, variants } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { recordEvent } from "@/lib/events/record";
import { enqueue } from "@/lib/jobs/enqueue";
import { addToLineCounter } from "@/lib/orders/line-counters";
import { configureMail } from "@/lib/notifications/mailer";
import { notifyOrder } from "@/lib/orders/notify";
import { applyGatewayRefund } from "@/lib/refunds/commands";
import { createWebhookEndpoint } from "@/lib/webhooks/commands";
import { createDemoDatabase } from "../fixtures/db";
import { cancelWholeOrder, orderByNumber } from "../fixtures/engine";

/** An automatic cancellation on PostgreSQL: 52 statements before batching, 28 now. */
const AUTO_CANCELLATION_STATEMENT_BUDGET = 28;
/** A gateway's answer applied to a submitted refund: 20 statements before batching, 16 now. */
const GATEWAY_ANSWER_STATEMENT_BUDGET = 16;

let database: Database;
beforeEach(async () => {
  database = await createDemoDatabase();
});
afterEach(async () => {
  configureMail(undefined);
  await database.close();
});

/** A second Drizzle handle on the same connection(s) that counts every statement it sends. */
function countingDb(target: Database) {
  const counter = { n: 0, texts: [] as string[] };
  const logger = {
    logQuery(query: string) {
      counter.n++;
      counter.texts.push(query);
    },
  };
  const db = (target.pglite
    ? drizzlePglite({ client: target.pglite, schema, logger })
    : drizzlePg({ client: target.pool!, schema, logger })) as unknown as Db;
  return { db, counter };
}

async function cancelWhole(db: Db, number: string) {
  return cancelWholeOrder(db, await orderByNumber(database.db, number));
}

describe("statement budgets", () => {
  it("an automatic cancellation (rules, approval, cancel, refund, restock, e-mails, jobs) fits its budget", async () => {
    const { db, counter } = countingDb(database);
    const result = await cancelWhole(db, "1001");
    expect(result.status).toBe("refunding");
    expect(counter.n).toBeLessThanOrEqual(AUTO_CANCELLATION_STATEMENT_BUDGET);
    // One insert each for the events, the e-mails and the jobs of the whole command.
    const inserts = (table: string) => counter.texts.filter((t) => t.startsWith(`insert into "${table}"`));
    expect(inserts("events")).toHaveLength(1);
    expect(inserts("notifications")).toHaveLength(1);
    expect(counter.texts.filter((t) => /INSERT INTO pgboss\.job/i.test(t))).toHaveLength(1);
  });

  it("applying the gateway's answer to a refund fits its budget", async () => {
    const { requestId } = await cancelWhole(database.db, "1001");
    const [refund] = await database.db.select().from(refunds).where(eq(refunds.requestId, requestId));
    const { db, counter } = countingDb(database);
    const outcome = await applyGatewayRefund(db, refund!.id, {
      id: "re_test_1",
      status: "succeeded",
      amount: refund!.amount,
      currency: refund!.currency,
    });
    expect(outcome).toBe("succeeded");
    expect(counter.n).toBeLessThanOrEqual(GATEWAY_ANSWER_STATEMENT_BUDGET);
  });
});

describe("what an automatic cancellation writes in one batch", () => {
  it("keeps the timeline in order, stores the e-mails with their delivery jobs, and restocks", async () => {
    // With an SMTP server, each e-mail has a delivery job (nothing is sent: the jobs do not run).
    configureMail({ smtpUrl: "smtp://127.0.0.1:9", from: "Nordlys Supply <no-reply@aftercare.local>" });
    const order = await orderByNumber(database.db, "1001");
    const skus = order.lines.map((l) => l.sku);
    const stockBefore = await database.db.select().from(variants).where(inArray(variants.sku, skus));
    await cancelWhole(database.db, "1001");

    const timeline = await database.db
      .select({ type: events.type })
      .from(events)
      .where(eq(events.orderId, order.id))
      .orderBy(asc(events.id));
    const types = timeline.map((e) => e.type);
    const after = (a: string, b: string) => types.indexOf(a) < types.indexOf(b);
    expect(types).toEqual(
      expect.arrayContaining([
        "request.submitted",
        "request.auto_approved",
        "order.cancelled",
        "refund.created",
        "order.restocked",
      ]),
    );
    expect(after("request.submitted", "request.auto_approved")).toBe(true);
    expect(after("request.auto_approved", "order.cancelled")).toBe(true);
    expect(after("order.cancelled", "refund.created")).toBe(true);
    expect(after("refund.created", "order.restocked")).toBe(true);

    const mails = await database.db.select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(mails.map((m) => m.template)).toEqual(["request_approved"]);
    const { rows: jobs } = await database.executeSql(
      `select name, data->>'notificationId' as notification_id from pgboss.job
       where name = 'notification.deliver' and data->>'notificationId' = any($1::text[])`,
      [mails.map((m) => m.id)],
    );
    expect(jobs).toHaveLength(1);

    const stockAfter = await database.db.select().from(variants).where(inArray(variants.sku, skus));
    for (const line of order.lines.filter((l) => l.restockable)) {
      const before = stockBefore.find((v) => v.sku === line.sku)!.inventory;
      const now = stockAfter.find((v) => v.sku === line.sku)!.inventory;
      expect(now - before).toBe(
        order.lines.filter((l) => l.sku === line.sku && l.restockable).reduce((n, l) => n + l.quantity, 0),
      );
    }
  });

  it("a webhook subscriber gets the request as it was when the event happened", async () => {
    await createWebhookEndpoint(
      database.db,
      { url: "https://hooks.example.test/aftercare", events: ["request.created"] },
      { actor: { type: "staff", id: "owner-1" }, storeId: DEMO_STORE_ID },
    );
    const { requestId } = await cancelWhole(database.db, "1001");
    const deliveries = await database.db.select().from(schema.webhookDeliveries);
    const created = deliveries.filter((d) => d.subjectId === requestId && d.eventType === "request.created");
    expect(created).toHaveLength(1);
    // Written before the approval's writes: the payload shows the request just submitted.
    expect((created[0]!.payload as { data: { status: string } }).data.status).toBe("auto_approved");
  });
});

describe("withBatchedWrites", () => {
  it("writes nothing when the transaction rolls back", async () => {
    const order = await orderByNumber(database.db, "1002");
    const eventsBefore = await database.db.select().from(events).where(eq(events.orderId, order.id));
    await expect(
      database.db.transaction((tx) =>
        withBatchedWrites(tx, async () => {
          await recordEvent(tx, {
            storeId: order.storeId,
            subjectType: "order",
            subjectId: order.id,
            orderId: order.id,
            actor: { type: "system" },
            type: "order.note_added",
          });
          await notifyOrder(tx, order, "request_received", { requestType: "cancellation" });
          throw new Error("the command failed after its writes");
        }),
      ),
    ).rejects.toThrow("the command failed");
    const eventsAfter = await database.db.select().from(events).where(eq(events.orderId, order.id));
    expect(eventsAfter).toHaveLength(eventsBefore.length);
    expect(await database.db.select().from(notifications).where(eq(notifications.orderId, order.id))).toEqual(
      [],
    );
  });

  it("fails the command when a batched job names a queue that does not exist", async () => {
    await expect(
      database.db.transaction((tx) =>
        withBatchedWrites(tx, async () => {
          await enqueue(tx, "no.such_queue" as "refund.submit", { refundId: crypto.randomUUID() });
        }),
      ),
    ).rejects.toThrow(/no\.such_queue/);
  });

  it("reads once per transaction what it is asked to read once, even a query builder", async () => {
    const { db, counter } = countingDb(database);
    await db.transaction((tx) =>
      withBatchedWrites(tx, async () => {
        const read = () => tx.select({ id: orders.id }).from(orders).limit(1);
        const first = await readOnce(tx, "k", read);
        const second = await readOnce(tx, "k", read);
        expect(second).toBe(first);
      }),
    );
    expect(counter.texts.filter((t) => t.startsWith("select"))).toHaveLength(1);
  });
});

describe("addToLineCounter", () => {
  it("adds each line's units in one statement, summing a line named twice, and returns the new rows", async () => {
    const [a] = await database.db
      .select()
      .from(lineItems)
      .where(
        and(
          gte(lineItems.quantity, 2),
          sql`(select count(*) from ${lineItems} other where other.order_id = ${lineItems.orderId}) >= 2`,
        ),
      )
      .orderBy(asc(lineItems.id))
      .limit(1);
    const [b] = await database.db
      .select()
      .from(lineItems)
      .where(and(eq(lineItems.orderId, a!.orderId), ne(lineItems.id, a!.id)))
      .limit(1);
    expect(a && b).toBeTruthy();
    const updated = await database.db.transaction((tx) =>
      addToLineCounter(tx, "quantityRestocked", [
        { lineItemId: a!.id, quantity: 1 },
        { lineItemId: b!.id, quantity: 1 },
        { lineItemId: a!.id, quantity: 1 },
        { lineItemId: b!.id, quantity: 0 },
      ]),
    );
    const rows = await database.db.select().from(lineItems).where(eq(lineItems.orderId, a!.orderId));
    const now = (id: string) => rows.find((l) => l.id === id)!;
    expect(now(a!.id).quantityRestocked).toBe(a!.quantityRestocked + 2);
    expect(now(b!.id).quantityRestocked).toBe(b!.quantityRestocked + 1);
    expect(updated.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [now(a!.id), now(b!.id)].sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it("lets the database refuse more units than the line has, changing nothing", async () => {
    const [line] = await database.db.select().from(lineItems).where(eq(lineItems.quantity, 1)).limit(1);
    await expect(
      database.db.transaction((tx) =>
        addToLineCounter(tx, "quantityRestocked", [{ lineItemId: line!.id, quantity: 2 }]),
      ),
    ).rejects.toThrow();
    const [after] = await database.db.select().from(lineItems).where(eq(lineItems.id, line!.id));
    expect(after!.quantityRestocked).toBe(line!.quantityRestocked);
  });
});
