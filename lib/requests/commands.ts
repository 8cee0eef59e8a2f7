// Requests slice: owns cancellation and return requests, their items, notes and decisions.
// Guards: a request asks only for what is still eligible (re-checked under the order lock);
// one request per idempotency key; one open cancellation per order (also a unique index);
// a request is decided once — a second decision sees the first and is refused.
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/lib/db";
import { withBatchedWrites } from "@/lib/db/batched";
import { runTransaction } from "@/lib/db/transaction";
import {
  fulfillments,
  lineItems,
  orders,
  paymentTransactions,
  refunds,
  requestItems,
  requestNotes,
  requestPhotos,
  requests,
  stores,
} from "@/lib/db/schema";
import type { RequestDecision, ReturnAddress } from "@/lib/db/schema";
import { DomainError, parseOrThrow } from "@/lib/errors";
import { type Actor, type NewEvent, recordEvent, recordEvents } from "@/lib/events/record";
import { computeRefund, RefundAllocationError, type RefundBreakdown } from "@/lib/money";
import { notifyOrder } from "@/lib/orders/notify";
import { type CancelReason, cancelLinesInTx } from "@/lib/orders/cancel";
import { restockLines } from "@/lib/orders/inventory";
import { createRefundInTx, createVoidInTx, lockOrder, lockOrderWithStore } from "@/lib/refunds/commands";
import { BreakerWouldTrip, confirmBreaker } from "@/lib/rules/breaker";
import { evaluate, refundHistoryWindows, type Decision } from "@/lib/rules/engine";
import { buildFacts, customerRefundCounts } from "@/lib/rules/facts";
import { checkGates, closedGate, type GateName, type GateStop } from "@/lib/rules/gates";
import { getLiveRuleSet } from "@/lib/rules/rule-sets";
import { getEligibility, unitsToShip } from "./eligibility";
import {
  approveRequestSchema,
  declineRequestSchema,
  type RefundAdjustment,
  type SubmitRequestInput,
  SHIP_BY_SLA,
  STATUTORY_REFUND_DAYS,
  submitRequestSchema,
} from "./schemas";
import { loadOrderState } from "./snapshot";

type RequestRow = typeof requests.$inferSelect;
type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof lineItems.$inferSelect;

/** Rows an approval would otherwise read again, when its caller read them under the order lock. */
type LoadedForApproval = {
  store: typeof stores.$inferSelect;
  items: (typeof requestItems.$inferSelect)[];
  lines: LineRow[];
  shipments: { status: (typeof fulfillments.$inferSelect)["status"] }[];
  payments: (typeof paymentTransactions.$inferSelect)[];
};

const OPEN_FOR_DECISION = ["submitted", "pending_review"] as const;

/**
 * Whether a cancellation cancels the whole order — nothing shipped, nothing left to ship after it —
 * so the shipping is refunded too. The same test cancelLinesInTx makes when it cancels the order.
 */
function cancelsWholeOrder(lines: LineRow[], selected: Map<string, number>) {
  const nothingShipped = lines.every((l) => l.quantityFulfilled === 0);
  return nothingShipped && lines.every((l) => (selected.get(l.id) ?? 0) >= unitsToShip(l));
}

function refundPreview(
  order: OrderRow,
  lines: LineRow[],
  type: "cancellation" | "return",
  selection: { lineItemId: string; quantity: number }[],
) {
  const chosen = selection.filter((l) => l.quantity > 0);
  const selected = new Map(chosen.map((l) => [l.lineItemId, l.quantity]));
  const includeShipping = type === "cancellation" && cancelsWholeOrder(lines, selected);
  // An authorised-only order was never charged: the preview shows what will not be charged.
  const basis = order.capturedAmount === 0 ? { ...order, capturedAmount: order.total } : order;
  return {
    breakdown: computeRefund({ ...basis, lines }, { lines: chosen, includeShipping }),
    includeShipping,
  };
}

/**
 * The refund a request would pay — the same computation the refund itself uses — and, for a
 * cancellation, whether it cancels the whole order (then its shipping is refunded too).
 */
export async function previewRequestRefund(
  db: DbOrTx,
  input: {
    orderId: string;
    type: "cancellation" | "return";
    lines: { lineItemId: string; quantity: number }[];
  },
): Promise<{ breakdown: RefundBreakdown; cancelsOrder: boolean }> {
  const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order) throw new DomainError("not_found", "No such order.");
  const lines = await db.select().from(lineItems).where(eq(lineItems.orderId, order.id));
  const { breakdown, includeShipping } = refundPreview(order, lines, input.type, input.lines);
  return { breakdown, cancelsOrder: includeShipping };
}

export async function submitRequest(
  db: Db,
  raw: SubmitRequestInput,
  actor: Actor,
  options: { now?: Date } = {},
): Promise<{ requestId: string; status: string; created: boolean }> {
  const input = parseOrThrow(submitRequestSchema, raw);
  const now = options.now ?? new Date();
  // A repeated submit (same form token) is answered inside the transaction, under the order lock.
  // Fast first: the breaker is checked as the last step, so a store's automatic approvals are serial
  // only for that tail. If it would trip, all is rolled back and the careful run checks it up front.
  const run = (breaker: BreakerMode) =>
    submitInTx(db, input, actor, now, breaker).catch((error: unknown) => {
      if (isUniqueViolation(error, "requests_one_open_cancellation_uq")) {
        throw new DomainError("conflict", "A cancellation request for this order is already open.");
      }
      // The token is unique across orders; this order's requests were searched for it under the lock.
      if (isUniqueViolation(error, "requests_idempotency_uq")) {
        throw new DomainError("conflict", "This form was already used for another order.");
      }
      throw error;
    });
  return run("last").catch((error: unknown) => {
    if (error instanceof BreakerWouldTrip) return run("first");
    throw error;
  });
}

/**
 * Where an automatic approval meets the circuit breaker: "last" — after every other write, right
 * before the commit, under a short store lock (confirmBreaker, which throws BreakerWouldTrip rather
 * than trip it), so that approvals are serial only for that lock, one read and the commit; "first"
 * — under a store lock taken before any write (checkBreaker, which trips it and sends the request
 * to review). Locks are always taken in one order — the order row, the stock rows of its SKUs (by
 * SKU), then the store row — so the two modes never deadlock each other.
 */
type BreakerMode = "first" | "last";

type Submitted = { requestId: string; status: string; created: boolean };

function submitInTx(
  db: Db,
  input: ReturnType<typeof submitRequestSchema.parse>,
  actor: Actor,
  now: Date,
  breaker: BreakerMode,
): Promise<Submitted> {
  return runTransaction(db, async (tx) => {
    const { result, beforeCommit } = await withBatchedWrites(tx, () =>
      submitLocked(tx, input, actor, now, breaker),
    );
    await beforeCommit?.();
    return result;
  });
}

/**
 * A submission under the order lock: its writes (follow-up rows batched), and the breaker's check
 * for the caller to run after the batch is written, right before the commit.
 */
async function submitLocked(
  tx: Tx,
  input: ReturnType<typeof submitRequestSchema.parse>,
  actor: Actor,
  now: Date,
  breaker: BreakerMode,
): Promise<{ result: Submitted; beforeCommit?: () => Promise<void> }> {
  const { order, store } = await lockOrderWithStore(tx, input.orderId, { liveRuleSet: true });
  const state = await loadOrderState(tx, order);
  // A submit with the same token committed before we took the lock: answer with its request.
  // (A token already used on another order fails the insert below: requests_idempotency_uq.)
  const again = state.requests.find((r) => r.idempotencyKey === input.idempotencyKey);
  if (again) return { result: { requestId: again.id, status: again.status, created: false } };
  const eligibility = getEligibility(state.snapshot, store, now);
  const chosen = input.lines.filter((l) => l.quantity > 0);
  checkSelection(input.type, chosen, eligibility);

  const { breakdown, includeShipping } = refundPreview(order, state.lines, input.type, chosen);
  const selectedLines = state.lines.filter((l) => chosen.some((c) => c.lineItemId === l.id));
  const live = await getLiveRuleSet(tx, store.id);
  const facts = buildFacts({
    type: input.type,
    reason: input.reasonCode,
    order,
    selectedLines,
    lastDeliveredAt: state.lastDeliveredAt,
    returnWindowEndsAt: eligibility.returnWindowEndsAt,
    amount: breakdown.total,
    maxRefundPerOrder: store.maxRefundPerOrder,
    paymentMethod: state.payment?.paymentMethod.type ?? "card",
    customerRefunds: await customerRefundCounts(
      tx,
      store.id,
      order.email,
      refundHistoryWindows(live.rules),
      now,
    ),
    now,
  });
  const decision = await gateAutomation(tx, evaluate(live.rules, facts), {
    order,
    facts,
    store,
    breaker,
    now,
    restocks:
      input.type === "cancellation" ? selectedLines.filter((l) => l.restockable).map((l) => l.sku) : [],
  });

  const requestId = crypto.randomUUID();
  const recorded: RequestDecision = {
    outcome: decision.outcome,
    ruleId: decision.ruleId ?? undefined,
    ruleVersion: live.version,
    explanation: decision.explanation,
    shopperMessage: decision.shopperMessage,
    gate: decision.gate,
  };
  const [request] = await tx
    .insert(requests)
    .values({
      id: requestId,
      orderId: order.id,
      type: input.type,
      status:
        decision.outcome === "decline"
          ? "declined"
          : decision.outcome === "review"
            ? "pending_review"
            : "auto_approved",
      reasonCode: input.reasonCode,
      comment: input.comment || null,
      idempotencyKey: input.idempotencyKey,
      createdByType: actor.type,
      createdById: actor.id ?? null,
      previewAmount: breakdown.total,
      currency: order.currency,
      includeShipping,
      locale: input.locale ?? null,
      decision: recorded,
      decidedAt: decision.outcome === "review" ? null : now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const items = await tx
    .insert(requestItems)
    .values(chosen.map((l) => ({ requestId, lineItemId: l.lineItemId, quantity: l.quantity })))
    .returning();
  if (input.photos.length)
    await tx.insert(requestPhotos).values(input.photos.map((p) => ({ ...p, requestId })));

  const base = {
    storeId: order.storeId,
    subjectType: "request" as const,
    subjectId: requestId,
    orderId: order.id,
  };
  const ruleActor: Actor = { type: "rule", id: decision.ruleId ?? "no-rule" };
  const decisionEvent = {
    auto_approve: "request.auto_approved",
    review: "request.sent_to_review",
    decline: "request.declined",
  }[decision.outcome];
  await recordEvents(tx, [
    {
      ...base,
      actor,
      type: "request.submitted",
      data: { type: input.type, reason: input.reasonCode, amount: breakdown.total },
      at: now,
    },
    {
      ...base,
      actor: ruleActor,
      type: decisionEvent,
      data: { ruleId: decision.ruleId, ruleVersion: live.version, explanation: decision.explanation },
      at: now,
    },
  ]);
  // One e-mail per step the shopper waits on: a request decided at once gets only its decision,
  // in the language the shopper used for the request.
  const inLanguage = { store, locale: request!.locale };
  if (decision.outcome === "decline") {
    await notifyOrder(
      tx,
      order,
      "request_declined",
      {
        requestType: input.type,
        reason: localized(decision.shopperMessage, request!.locale ?? order.locale),
      },
      inLanguage,
    );
    return { result: { requestId, status: "declined", created: true } };
  }
  if (decision.outcome === "review") {
    await notifyOrder(
      tx,
      order,
      "request_received",
      {
        requestType: input.type,
        amount: order.capturedAmount > 0 ? breakdown.total || undefined : undefined,
      },
      inLanguage,
    );
    return { result: { requestId, status: "pending_review", created: true } };
  }

  const status = await approveInTx(tx, order, request!, undefined, ruleActor, {
    automatic: true,
    enforceStoreMax: true,
    loaded: { store: store!, items, ...state },
  });
  return {
    result: { requestId, status, created: true },
    beforeCommit: breaker === "last" ? () => confirmBreaker(tx, order.storeId, facts.amount, now) : undefined,
  };
}

function checkSelection(
  type: "cancellation" | "return",
  chosen: { lineItemId: string; quantity: number }[],
  e: ReturnType<typeof getEligibility>,
) {
  if (type === "cancellation" && !e.canCancel) {
    throw new DomainError("not_eligible", `This order can no longer be cancelled (${e.cancelBlockedBy}).`);
  }
  if (type === "return" && !e.canReturn) {
    throw new DomainError("not_eligible", `This order cannot be returned (${e.returnBlockedBy}).`);
  }
  const allowed = new Map(
    (type === "cancellation" ? e.cancellableLines : e.returnableLines).map((l) => [
      l.lineItemId,
      l.maxQuantity,
    ]),
  );
  const fieldErrors: Record<string, string[]> = {};
  chosen.forEach((l, i) => {
    const max = allowed.get(l.lineItemId) ?? 0;
    if (l.quantity > max)
      fieldErrors[`lines.${i}.quantity`] = [max === 0 ? "This item cannot be chosen" : `At most ${max}`];
  });
  if (Object.keys(fieldErrors).length)
    throw new DomainError("not_eligible", "Some items cannot be chosen.", fieldErrors);
}

/**
 * Rules propose; the automation gates (lib/rules/gates.ts) can only make a decision more careful,
 * never less. With the breaker "last", an approval that passes here is still subject to
 * confirmBreaker before it commits.
 */
async function gateAutomation(
  tx: DbOrTx,
  decision: Decision,
  ctx: {
    order: OrderRow;
    facts: ReturnType<typeof buildFacts>;
    store: typeof stores.$inferSelect;
    breaker: BreakerMode;
    now: Date;
    /** SKUs whose stock an approval restocks. */
    restocks: string[];
  },
): Promise<Decision & { gate?: GateName }> {
  if (decision.outcome !== "auto_approve") return decision;
  const input = { store: ctx.store, order: ctx.order, amount: ctx.facts.amount, movesMoney: true };
  const stop =
    ctx.breaker === "last"
      ? closedGate(input)
      : await checkGates(tx, { ...input, restockSkus: ctx.restocks }, ctx.now);
  if (!stop) return decision;
  return { outcome: "review", ruleId: decision.ruleId, explanation: stop.reason, gate: stop.gate };
}

/**
 * Approval, shared by rules and staff. Cancellations stop fulfilment and start their refund;
 * returns wait for the item unless staff refund now.
 */
async function approveInTx(
  tx: DbOrTx,
  order: OrderRow,
  request: RequestRow,
  adjustment: RefundAdjustment | undefined,
  actor: Actor,
  options: {
    automatic: boolean;
    enforceStoreMax: boolean;
    /** What the caller read under the order lock in this transaction, and the request's items. */
    loaded?: LoadedForApproval;
  },
): Promise<string> {
  const { loaded } = options;
  const items =
    loaded?.items ?? (await tx.select().from(requestItems).where(eq(requestItems.requestId, request.id)));
  const base = {
    storeId: order.storeId,
    subjectType: "request" as const,
    subjectId: request.id,
    orderId: order.id,
  };
  const events: NewEvent[] = [];
  if (!options.automatic)
    events.push({ ...base, actor, type: "request.approved", data: { adjusted: Boolean(adjustment) } });

  let status: RequestRow["status"];
  let refund: Awaited<ReturnType<typeof refundFor>> = null;
  const cancelled = items.map((i) => ({ lineItemId: i.lineItemId, quantity: i.quantity }));
  let linesAfterCancel: LineRow[] | undefined;
  let returnAddress: ReturnAddress | null | undefined;
  if (request.type === "cancellation") {
    const after = await cancelLinesInTx(
      tx,
      order,
      cancelled,
      { reason: cancelReasonOf(request), restock: false, actor },
      loaded,
    );
    linesAfterCancel = after.lines;
    refund = await refundFor(
      tx,
      after.order,
      request,
      items,
      adjustment,
      actor,
      options.enforceStoreMax,
      loaded && { order: after.order, store: loaded.store, lines: after.lines, payments: loaded.payments },
    );
    status = refund ? "refunding" : "completed";
  } else if (adjustment) {
    refund = await refundFor(tx, order, request, items, adjustment, actor, options.enforceStoreMax);
    status = refund ? "refunding" : "completed";
  } else {
    status = "awaiting_item";
    const lines = loaded?.lines ?? (await tx.select().from(lineItems).where(eq(lineItems.orderId, order.id)));
    returnAddress = await returnAddressOf(tx, order.storeId, loaded?.store);
    await notifyOrder(
      tx,
      order,
      "return_instructions",
      {
        items: items.map((i) => ({
          title: lines.find((l) => l.id === i.lineItemId)?.title ?? "",
          quantity: i.quantity,
        })),
        returnAddress,
      },
      { store: loaded?.store, locale: request.locale },
    );
  }
  await tx.update(requests).set({ status, updatedAt: new Date() }).where(eq(requests.id, request.id));
  await recordEvents(tx, events);
  // What happens next, in the same e-mail. Nothing captured: the authorisation is released (a void),
  // no money moves and no refund e-mail follows.
  const captured = order.capturedAmount > 0;
  await notifyOrder(
    tx,
    order,
    "request_approved",
    {
      requestType: request.type,
      status: captured || status === "awaiting_item" ? status : "completed",
      amount: captured ? refund?.amount : undefined,
      ...(status === "awaiting_item" && { returnAddress }),
    },
    { store: loaded?.store, locale: request.locale },
  );
  // Variants are shared by many orders: their row locks are taken last, to be held only briefly.
  if (request.type === "cancellation") await restockLines(tx, order, cancelled, actor, linesAfterCancel);
  return status;
}

/** Why the order's units are cancelled: the ship-by SLA's own hold keeps its reason. */
const cancelReasonOf = (request: RequestRow): CancelReason =>
  request.reasonCode === "not_shipped_in_time" ? "not_shipped_in_time" : "customer";

/** Where the store takes returns (null until the owner sets it). */
async function returnAddressOf(tx: DbOrTx, storeId: string, store?: typeof stores.$inferSelect) {
  if (store) return store.returnAddress;
  const [row] = await tx
    .select({ returnAddress: stores.returnAddress })
    .from(stores)
    .where(eq(stores.id, storeId));
  return row?.returnAddress ?? null;
}

async function refundFor(
  tx: DbOrTx,
  order: OrderRow,
  request: RequestRow,
  items: (typeof requestItems.$inferSelect)[],
  adjustment: RefundAdjustment | undefined,
  actor: Actor,
  enforceStoreMax: boolean,
  loaded?: Parameters<typeof createRefundInTx>[3]["loaded"],
) {
  if (order.capturedAmount === 0) {
    // Nothing was captured: cancelling the whole order releases the authorisation instead.
    const [now] = loaded
      ? [loaded.order]
      : await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    return now?.status === "cancelled" ? createVoidInTx(tx, order, request.id, actor) : null;
  }
  // Cancelled units were restocked when cancelled; returned units only when they arrive.
  const lines =
    adjustment?.lines ??
    items.map((i) => ({ lineItemId: i.lineItemId, quantity: i.quantity, restockQuantity: 0 }));
  for (const l of lines) {
    if (!items.some((i) => i.lineItemId === l.lineItemId && l.quantity <= i.quantity)) {
      throw new DomainError("invalid_input", "A refund can only cover the items of this request.", {
        lines: ["Outside the request"],
      });
    }
  }
  const created = await createRefundInTx(
    tx,
    {
      orderId: order.id,
      requestId: request.id,
      locale: request.locale,
      lines,
      includeShipping: adjustment?.includeShipping ?? request.includeShipping,
      customAmount: adjustment?.customAmount,
      reason: adjustment?.reason,
    },
    actor,
    { enforceStoreMax, loaded },
  );
  if (request.type === "return") {
    const restock = lines
      .filter((l) => (l.restockQuantity ?? 0) > 0)
      .map((l) => ({ lineItemId: l.lineItemId, quantity: l.restockQuantity! }));
    if (restock.length) await restockLines(tx, order, restock, actor);
  }
  return created;
}

async function lockRequest(tx: DbOrTx, requestId: string) {
  const [request] = await tx.select().from(requests).where(eq(requests.id, requestId));
  if (!request) throw new DomainError("not_found", "No such request.");
  const order = await lockOrder(tx, request.orderId);
  // Re-read under the order lock: a concurrent decision has committed by now.
  const [current] = await tx.select().from(requests).where(eq(requests.id, requestId)).for("update");
  return { order, request: current! };
}

const decided = (r: RequestRow) =>
  new DomainError(
    "conflict",
    `This request was already ${r.status.replace(/_/g, " ")}${r.decidedAt ? ` at ${r.decidedAt.toISOString()}` : ""}.`,
  );

export async function approveRequest(
  db: Db,
  raw: { requestId: string; refund?: RefundAdjustment; note?: string },
  actor: Actor,
  options: { allowAboveStoreMax?: boolean } = {},
): Promise<{ refundId: string | null; status: string }> {
  const input = parseOrThrow(approveRequestSchema, raw);
  return runTransaction(db, async (tx) => {
    const { order, request } = await lockRequest(tx, input.requestId);
    const canApprove =
      (OPEN_FOR_DECISION as readonly string[]).includes(request.status) ||
      (request.status === "item_received" && !!input.refund);
    if (!canApprove) throw decided(request);
    const now = new Date();
    await tx
      .update(requests)
      .set({
        status: "approved",
        decidedAt: now,
        decision: {
          ...request.decision,
          outcome: "approve",
          staffUserId: actor.id ?? undefined,
          explanation: request.decision?.explanation ?? "Approved by staff",
        },
        updatedAt: now,
      })
      .where(eq(requests.id, request.id));
    if (input.note) await addNoteInTx(tx, order, request.id, input.note, actor);
    // A received return is approved with its refund; a pending one waits for the item unless staff refund now.
    const adjustment = input.refund ?? (request.status === "item_received" ? {} : undefined);
    const status = await approveInTx(tx, order, request, adjustment, actor, {
      automatic: false,
      enforceStoreMax: !options.allowAboveStoreMax,
    });
    const [refund] = await tx
      .select({ id: refunds.id })
      .from(refunds)
      .where(and(eq(refunds.requestId, request.id), ne(refunds.status, "canceled")));
    return { refundId: refund?.id ?? null, status };
  });
}

export async function declineRequest(db: Db, raw: { requestId: string; message: string }, actor: Actor) {
  const input = parseOrThrow(declineRequestSchema, raw);
  await db.transaction(async (tx) => {
    const { order, request } = await lockRequest(tx, input.requestId);
    if (!(OPEN_FOR_DECISION as readonly string[]).includes(request.status)) throw decided(request);
    const now = new Date();
    const shopperMessage = { en: input.message, nb: input.message, zh: input.message };
    await tx
      .update(requests)
      .set({
        status: "declined",
        decidedAt: now,
        decision: {
          outcome: "decline",
          staffUserId: actor.id ?? undefined,
          explanation: request.decision?.explanation ?? "Declined by staff",
          shopperMessage,
        },
        updatedAt: now,
      })
      .where(eq(requests.id, request.id));
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "request",
      subjectId: request.id,
      orderId: order.id,
      actor,
      type: "request.declined",
      data: { message: input.message },
    });
    await notifyOrder(
      tx,
      order,
      "request_declined",
      { requestType: request.type, reason: input.message },
      { locale: request.locale },
    );
  });
}

/** A request's new status and its timeline event, in the caller's transaction. */
async function moveRequest(
  tx: DbOrTx,
  order: OrderRow,
  requestId: string,
  status: RequestRow["status"],
  actor: Actor,
  eventType: string,
) {
  await tx.update(requests).set({ status, updatedAt: new Date() }).where(eq(requests.id, requestId));
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "request",
    subjectId: requestId,
    orderId: order.id,
    actor,
    type: eventType,
    data: {},
  });
}

/** The shopper takes back a request nobody has acted on yet. */
export async function withdrawRequest(db: Db, input: { requestId: string; orderId: string }, actor: Actor) {
  await db.transaction(async (tx) => {
    const { order, request } = await lockRequest(tx, input.requestId);
    if (request.orderId !== input.orderId) throw new DomainError("not_found", "No such request.");
    if (request.createdByType === "system") {
      throw new DomainError("conflict", "The store started this cancellation; it cannot be withdrawn.");
    }
    if (!(OPEN_FOR_DECISION as readonly string[]).includes(request.status)) {
      throw new DomainError(
        "conflict",
        `This request is already ${request.status.replace(/_/g, " ")} and can no longer be withdrawn.`,
      );
    }
    await moveRequest(tx, order, request.id, "withdrawn", actor, "request.withdrawn");
  });
}

/**
 * The returned item arrived: it is counted as returned and restocked, then refunded — by the
 * rules when a rule (or the law) approved the return, through the automation gates, or as staff
 * approved it. A refund a gate stops waits, item received, for a person with the gate's reason.
 */
export async function markItemReceived(
  db: Db,
  input: { requestId: string },
  actor: Actor,
  options: { now?: Date } = {},
): Promise<{ refundId: string | null }> {
  const now = options.now ?? new Date();
  return runTransaction(db, async (tx) => {
    const { order, request } = await lockRequest(tx, input.requestId);
    if (request.type !== "return" || request.status !== "awaiting_item") {
      throw new DomainError(
        "conflict",
        `This request is ${request.status.replace(/_/g, " ")}; only an approved return waiting for its item can be received.`,
      );
    }
    const items = await tx.select().from(requestItems).where(eq(requestItems.requestId, request.id));
    for (const item of items) {
      await tx
        .update(lineItems)
        .set({ quantityReturned: sql`${lineItems.quantityReturned} + ${item.quantity}` })
        .where(eq(lineItems.id, item.lineItemId));
    }
    await moveRequest(tx, order, request.id, "item_received", actor, "request.item_received");
    const automatic = request.decision?.outcome === "auto_approve";
    const stop = automatic ? await gateArrivalRefund(tx, order, request, items, now) : null;
    if (stop) {
      await restockLines(tx, order, items, actor);
      await holdReceivedReturn(tx, order, request, stop);
      return { refundId: null };
    }
    const refundActor: Actor = automatic ? { type: "rule", id: request.decision?.ruleId } : actor;
    const lines = items.map((i) => ({
      lineItemId: i.lineItemId,
      quantity: i.quantity,
      restockQuantity: i.quantity,
    }));
    try {
      const refund = await tx.transaction((sp) =>
        refundFor(sp, order, request, items, { lines }, refundActor, true),
      );
      await tx
        .update(requests)
        .set({ status: refund ? "refunding" : "completed", updatedAt: new Date() })
        .where(eq(requests.id, request.id));
      return { refundId: refund?.refundId ?? null };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "limit_exceeded") throw error;
      await restockLines(tx, order, items, actor);
      await holdReceivedReturn(tx, order, request, { gate: "limit", reason: error.message });
      return { refundId: null };
    }
  });
}

/** The gates before a rule-approved return is refunded on arrival (the order row is locked). */
async function gateArrivalRefund(
  tx: DbOrTx,
  order: OrderRow,
  request: RequestRow,
  items: (typeof requestItems.$inferSelect)[],
  now: Date,
): Promise<GateStop | null> {
  const [store] = await tx.select().from(stores).where(eq(stores.id, order.storeId));
  const lines = await tx.select().from(lineItems).where(eq(lineItems.orderId, order.id));
  const amount =
    order.capturedAmount > 0 ? refundTotalOrZero(order, lines, items, request.includeShipping) : 0;
  const returned = new Set(items.map((i) => i.lineItemId));
  return checkGates(
    tx,
    {
      store: store!,
      order,
      amount,
      movesMoney: amount > 0,
      restockSkus: lines.filter((l) => returned.has(l.id) && l.restockable).map((l) => l.sku),
    },
    now,
  );
}

/** What a refund of these items would pay; 0 when they cannot be refunded (the refund then says why). */
export function refundTotalOrZero(
  order: OrderRow,
  lines: LineRow[],
  items: { lineItemId: string; quantity: number }[],
  includeShipping: boolean,
) {
  try {
    return computeRefund({ ...order, lines }, { lines: items, includeShipping }).total;
  } catch (error) {
    if (error instanceof RefundAllocationError) return 0;
    throw error;
  }
}

/** A received return whose refund waits for a person: in the review queue, with the reason. */
async function holdReceivedReturn(
  tx: DbOrTx,
  order: OrderRow,
  request: RequestRow,
  stop: { gate: NonNullable<RequestDecision["gate"]>; reason: string },
) {
  await tx
    .update(requests)
    .set({
      decision: { ...request.decision!, outcome: "review", explanation: stop.reason, gate: stop.gate },
      updatedAt: new Date(),
    })
    .where(eq(requests.id, request.id));
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "request",
    subjectId: request.id,
    orderId: order.id,
    actor: { type: "system" },
    type: "request.sent_to_review",
    data: { explanation: stop.reason, gate: stop.gate },
  });
}

async function addNoteInTx(tx: DbOrTx, order: OrderRow, requestId: string, body: string, actor: Actor) {
  await tx
    .insert(requestNotes)
    .values({ requestId, staffUserId: actor.type === "staff" ? (actor.id ?? null) : null, body });
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "request",
    subjectId: requestId,
    orderId: order.id,
    actor,
    type: "request.note_added",
    data: { length: body.length },
  });
}

export async function addRequestNote(db: Db, input: { requestId: string; body: string }, actor: Actor) {
  const body = input.body.trim();
  if (body.length === 0 || body.length > 4000) {
    throw new DomainError("invalid_input", "Write a note of up to 4000 characters.", {
      body: ["Write a note of up to 4000 characters"],
    });
  }
  await db.transaction(async (tx) => {
    const [request] = await tx.select().from(requests).where(eq(requests.id, input.requestId));
    if (!request) throw new DomainError("not_found", "No such request.");
    const [order] = await tx.select().from(orders).where(eq(orders.id, request.orderId));
    await addNoteInTx(tx, order!, request.id, body, actor);
  });
}

function localized(message: Record<string, string> | undefined, locale: string | null) {
  return message ? (message[locale ?? "en"] ?? message.en) : undefined;
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.cause?.code ?? e.code;
  const name = e.cause?.constraint ?? e.constraint;
  return code === "23505" && name === constraint;
}

/** Decision id recorded on requests that the law grants rather than the rules. */
export const STATUTORY_WITHDRAWAL = "statutory-withdrawal";

/**
 * A request made by a statutory withdrawal (EU CRD Art. 9–16): the rules are not asked and no
 * return window applies — the caller (lib/withdrawals) decided what may be withdrawn, under the
 * order lock it holds. It is approved at once; a cancellation that refunds now goes through the
 * automation gates first, and one a gate stops waits for a person with the refund's legal
 * deadline. Returns wait for the item and are refunded on receipt, through the gates then.
 */
export async function submitStatutoryRequestInTx(
  tx: DbOrTx,
  order: OrderRow,
  input: {
    type: "cancellation" | "return";
    lines: { lineItemId: string; quantity: number }[];
    idempotencyKey: string;
    comment?: string | null;
    /** Refund the shipping with this request (a withdrawal from the whole contract). */
    includeShipping?: boolean;
    /** The language of the withdrawal: the request's e-mails go out in it. */
    locale?: string | null;
  },
  actor: Actor,
  now: Date,
): Promise<{ requestId: string; status: string }> {
  const [store] = await tx.select().from(stores).where(eq(stores.id, order.storeId));
  const lines = await tx.select().from(lineItems).where(eq(lineItems.orderId, order.id));
  const chosen = input.lines.filter((l) => l.quantity > 0);
  const preview = refundPreview(order, lines, input.type, chosen);
  const includeShipping = input.includeShipping ?? preview.includeShipping;
  const basis = order.capturedAmount === 0 ? { ...order, capturedAmount: order.total } : order;
  const breakdown = computeRefund({ ...basis, lines }, { lines: chosen, includeShipping });
  const refundsNow = input.type === "cancellation" && order.capturedAmount > 0 && breakdown.total > 0;
  const chosenIds = new Set(chosen.map((l) => l.lineItemId));
  const stop = refundsNow
    ? await checkGates(
        tx,
        {
          store: store!,
          order,
          amount: breakdown.total,
          movesMoney: true,
          restockSkus: lines.filter((l) => chosenIds.has(l.id) && l.restockable).map((l) => l.sku),
        },
        now,
      )
    : null;
  const explanation = stop
    ? `Statutory withdrawal, refund held: ${stop.reason}`
    : "Statutory right of withdrawal: approved without the rules";
  const requestId = crypto.randomUUID();
  await tx.insert(requests).values({
    id: requestId,
    orderId: order.id,
    type: input.type,
    status: stop ? "pending_review" : "auto_approved",
    reasonCode: "statutory_withdrawal",
    comment: input.comment || null,
    idempotencyKey: input.idempotencyKey,
    createdByType: actor.type,
    createdById: actor.id ?? null,
    previewAmount: breakdown.total,
    currency: order.currency,
    includeShipping,
    locale: input.locale ?? null,
    decision: {
      outcome: stop ? "review" : "auto_approve",
      ruleId: STATUTORY_WITHDRAWAL,
      explanation,
      gate: stop?.gate,
      refundDueBy: new Date(now.getTime() + STATUTORY_REFUND_DAYS * 86_400_000).toISOString(),
    },
    decidedAt: stop ? null : now,
    createdAt: now,
    updatedAt: now,
  });
  await tx
    .insert(requestItems)
    .values(chosen.map((l) => ({ requestId, lineItemId: l.lineItemId, quantity: l.quantity })));
  const base = {
    storeId: order.storeId,
    subjectType: "request" as const,
    subjectId: requestId,
    orderId: order.id,
  };
  const lawActor: Actor = { type: "rule", id: STATUTORY_WITHDRAWAL };
  await recordEvents(tx, [
    {
      ...base,
      actor,
      type: "request.submitted",
      data: { type: input.type, reason: "statutory_withdrawal", amount: breakdown.total },
      at: now,
    },
    {
      ...base,
      actor: lawActor,
      type: stop ? "request.sent_to_review" : "request.auto_approved",
      data: { ruleId: STATUTORY_WITHDRAWAL, explanation, gate: stop?.gate ?? null },
      at: now,
    },
  ]);
  if (stop) return { requestId, status: "pending_review" };
  const request = (await tx.select().from(requests).where(eq(requests.id, requestId)))[0]!;
  const status = await approveInTx(tx, order, request, undefined, lawActor, {
    automatic: true,
    enforceStoreMax: true,
  });
  return { requestId, status };
}

/**
 * A cancellation the ship-by SLA scan wanted but an automation gate stopped: it waits in the
 * review queue with the SLA's reason (the caller holds the order lock). Approving it cancels and
 * refunds what has not shipped; declining it leaves the order to be shipped — the scan does not
 * ask again for an order that has one.
 */
export async function holdLateOrderInTx(
  tx: DbOrTx,
  order: OrderRow,
  input: {
    lines: { lineItemId: string; quantity: number }[];
    includeShipping: boolean;
    amount: number;
    explanation: string;
    gate: NonNullable<RequestDecision["gate"]>;
  },
  now: Date,
): Promise<{ requestId: string }> {
  const requestId = crypto.randomUUID();
  const actor: Actor = { type: "system", id: SHIP_BY_SLA };
  await tx.insert(requests).values({
    id: requestId,
    orderId: order.id,
    type: "cancellation",
    status: "pending_review",
    reasonCode: "not_shipped_in_time",
    idempotencyKey: `${SHIP_BY_SLA}:${order.id}`,
    createdByType: actor.type,
    createdById: SHIP_BY_SLA,
    previewAmount: input.amount,
    currency: order.currency,
    includeShipping: input.includeShipping,
    decision: { outcome: "review", ruleId: SHIP_BY_SLA, explanation: input.explanation, gate: input.gate },
    createdAt: now,
    updatedAt: now,
  });
  await tx
    .insert(requestItems)
    .values(input.lines.map((l) => ({ requestId, lineItemId: l.lineItemId, quantity: l.quantity })));
  const base = {
    storeId: order.storeId,
    subjectType: "request" as const,
    subjectId: requestId,
    orderId: order.id,
  };
  await recordEvents(tx, [
    {
      ...base,
      actor,
      type: "request.submitted",
      data: { type: "cancellation", reason: "not_shipped_in_time", amount: input.amount },
      at: now,
    },
    {
      ...base,
      actor,
      type: "request.sent_to_review",
      data: { ruleId: SHIP_BY_SLA, explanation: input.explanation, gate: input.gate },
      at: now,
    },
  ]);
  return { requestId };
}
