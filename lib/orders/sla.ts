// Ship-by SLA: paid orders still unfulfilled past the store's promise are cancelled with
// "not shipped in time", refunded, restocked and the shopper told — once, however many workers
// scan at the same time (each order is re-read under its lock before anything is done). The
// cancel and its refund are automatic, so they pass the automation gates first; an order a gate
// stops is neither cancelled nor refunded but waits in the review queue with the SLA's reason.
import { and, eq, inArray, isNotNull, lt, notExists, or, type SQLWrapper, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import { lineItems, orders, requests, stores } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { lockOrderWithStore } from "@/lib/refunds/commands";
import { holdLateOrderInTx, refundTotalOrZero } from "@/lib/requests/commands";
import { SHIP_BY_SLA } from "@/lib/requests/schemas";
import { checkGates, type GateStop } from "@/lib/rules/gates";
import { cancelOrderInTx } from "./commands";

const SLA_ACTOR = { type: "system" as const, id: SHIP_BY_SLA };
const DAY = 86_400_000;

type OrderRow = typeof orders.$inferSelect;
type StoreRow = typeof stores.$inferSelect;
type Outcome = "cancelled" | "held" | "skipped";

export async function scanShipBySla(db: Db, now = new Date()) {
  const result = { cancelled: [] as string[], held: [] as string[] };
  for (const store of await db.select().from(stores)) {
    for (const order of await lateOrders(db, store, now)) {
      const outcome = await settleLateOrder(db, order.id, now);
      if (outcome === "cancelled") result.cancelled.push(order.number);
      if (outcome === "held") result.held.push(order.number);
    }
  }
  return result;
}

/** Late orders no person is deciding yet: none has an open cancellation or the scan's own hold. */
function lateOrders(db: Db, store: StoreRow, now: Date) {
  return db
    .select({ id: orders.id, number: orders.number })
    .from(orders)
    .where(
      and(
        eq(orders.storeId, store.id),
        eq(orders.status, "open"),
        eq(orders.fulfillmentStatus, "unfulfilled"),
        sql`${orders.financialStatus} in ('paid', 'authorized')`,
        isNotNull(orders.paidAt),
        lt(orders.paidAt, new Date(now.getTime() - store.shipBySlaDays * DAY)),
        notExists(waitingForPerson(db, orders.id)),
      ),
    )
    .limit(500);
}

/** The order's cancellation that waits for a person, or the scan's own hold (decided or not). */
const waitingForPerson = (db: DbOrTx, orderId: SQLWrapper | string) =>
  db
    .select({ id: requests.id })
    .from(requests)
    .where(
      and(
        eq(requests.orderId, orderId),
        or(
          eq(requests.reasonCode, "not_shipped_in_time"),
          and(eq(requests.type, "cancellation"), inArray(requests.status, ["submitted", "pending_review"])),
        ),
      ),
    )
    .limit(1);

function isStillLate(order: OrderRow, store: StoreRow, now: Date) {
  return (
    order.status === "open" &&
    order.fulfillmentStatus === "unfulfilled" &&
    (order.financialStatus === "paid" || order.financialStatus === "authorized") &&
    order.paidAt !== null &&
    order.paidAt.getTime() < now.getTime() - store.shipBySlaDays * DAY
  );
}

/**
 * Cancels and refunds one late order through the gates, or holds it for a person. A cancel the
 * order itself refuses (more than is left to refund, say) is held too, with that reason.
 */
async function settleLateOrder(db: Db, orderId: string, now: Date): Promise<Outcome> {
  try {
    return await runTransaction(db, (tx) => settleLateOrderInTx(tx, orderId, now));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return runTransaction(db, (tx) =>
      settleLateOrderInTx(tx, orderId, now, { gate: "limit", reason: error.message }),
    );
  }
}

/** One late order, in the caller's transaction: re-read under its lock, then cancelled or held. */
export async function settleLateOrderInTx(
  tx: DbOrTx,
  orderId: string,
  now: Date,
  refused: { gate: "limit"; reason: string } | null = null,
): Promise<Outcome> {
  const { order, store } = await lockOrderWithStore(tx, orderId);
  const [waiting] = await waitingForPerson(tx, order.id);
  if (!isStillLate(order, store, now) || waiting) return "skipped";
  const plan = await cancelPlan(tx, order);
  const stop: { gate: GateStop["gate"] | "limit"; reason: string } | null =
    refused ??
    (await checkGates(
      tx,
      { store, order, amount: plan.amount, movesMoney: plan.amount > 0, restockSkus: plan.restockSkus },
      now,
    ));
  if (stop) {
    const paid = order.paidAt!.toISOString().slice(0, 10);
    await holdLateOrderInTx(
      tx,
      order,
      {
        ...plan,
        explanation: `Not shipped within the ${store.shipBySlaDays}-day ship-by promise (paid ${paid}): ${stop.reason}`,
        gate: stop.gate,
      },
      now,
    );
    return "held";
  }
  await cancelOrderInTx(
    tx,
    order,
    { orderId, reason: "not_shipped_in_time", restock: true, refund: true, notifyShopper: true },
    SLA_ACTOR,
    { enforceStoreMax: true },
  );
  return "cancelled";
}

/** What cancelling every unit not shipped would cancel, restock and refund. */
async function cancelPlan(tx: DbOrTx, order: OrderRow) {
  const lines = await tx.select().from(lineItems).where(eq(lineItems.orderId, order.id));
  const open = lines
    .map((l) => ({ line: l, quantity: l.quantity - l.quantityCancelled - l.quantityFulfilled }))
    .filter((o) => o.quantity > 0);
  const selection = open.map((o) => ({ lineItemId: o.line.id, quantity: o.quantity }));
  const includeShipping = lines.every((l) => l.quantityFulfilled === 0);
  return {
    lines: selection,
    includeShipping,
    amount:
      order.capturedAmount > order.refundedAmount
        ? refundTotalOrZero(order, lines, selection, includeShipping)
        : 0,
    restockSkus: open.filter((o) => o.line.restockable).map((o) => o.line.sku),
  };
}
