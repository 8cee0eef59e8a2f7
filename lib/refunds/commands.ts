// Refunds slice: owns refunds and refund lines, and the order's refunded totals.
// Guards (DESIGN.md §4): a refund is created under a lock on its order, never above what was
// captured minus what is already reserved by refunds that are not canceled; per line never
// above the purchased quantity; automatic refunds never above the store's maximum per order.
// Money moves only in submitRefund, under one idempotency key per attempt family, after the
// row has been claimed, so duplicate jobs, retries after timeouts and crashes move it once.
import { and, eq, getTableColumns, inArray, isNull, ne, sql } from "drizzle-orm";
import { arrivalWindow } from "@/lib/calendar/business-days";
import type { Db, DbOrTx, Tx } from "@/lib/db";
import { withBatchedWrites } from "@/lib/db/batched";
import { runTransaction } from "@/lib/db/transaction";
import {
  lineItems,
  orders,
  paymentTransactions,
  refundLines,
  refunds,
  requests,
  stores,
} from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { type Actor, recordEvent, recordEvents } from "@/lib/events/record";
import {
  GATEWAY_CALL_TIMEOUT_MS,
  type GatewayRefund,
  isGatewayError,
  LIVE_REFUND_STATUSES,
  MissingGatewayError,
  type PaymentGateway,
} from "@/lib/gateways/types";
import { enqueue } from "@/lib/jobs/enqueue";
import { allocateProportionally, computeRefund, formatMoney, RefundAllocationError } from "@/lib/money";
import { deriveFinancialStatus } from "@/lib/orders/status";
import { restockLines } from "@/lib/orders/inventory";
import { addToLineCounter } from "@/lib/orders/line-counters";
import { notifyOrder } from "@/lib/orders/notify";
import { keyGeneration, refundKey } from "./keys";
import {
  afterRefundFailedInTx,
  afterRefundReleasedInTx,
  afterRefundSucceededInTx,
} from "@/lib/fallbacks/hooks";
import { liveRuleSetColumn, rememberLiveRuleSet } from "@/lib/rules/rule-sets";
import { enabledEndpointsColumn, rememberEnabledEndpoints } from "@/lib/webhooks/queue";
import { alertOwners } from "./alerts";
import { confirmationDeadline } from "./overdue";

/** The gateway adapter for a refund's gateway name; throws MissingGatewayError when there is none. */
export type GatewayResolver = (name: string) => PaymentGateway;

/** The failure code of a refund no adapter can send: staff pay it another way. */
export const NO_GATEWAY_ADAPTER = "no_gateway_adapter";

export type RefundPlan = {
  orderId: string;
  requestId?: string | null;
  /** The language of the request it pays: its e-mails go out in it (else the order's). */
  locale?: string | null;
  lines: { lineItemId: string; quantity: number; restockQuantity?: number }[];
  includeShipping: boolean;
  /** A total other than the computed one (staff only), spread over the lines in proportion. */
  customAmount?: number;
  reason?: string;
};

export type CreatedRefund = { refundId: string; amount: number };

/**
 * How long a claimed submission may stay unanswered before another worker may take it over: longer
 * than any gateway call may last, so a claim this old belongs to a call that is over (its process
 * died, or it saved nothing) and the takeover never runs beside it. The takeover looks the refund
 * up at the gateway before sending it again (sendOnce).
 */
export const CLAIM_TIMEOUT_MS = GATEWAY_CALL_TIMEOUT_MS + 10_000;

const ALLOCATION_MESSAGES: Record<RefundAllocationError["code"], string> = {
  quantity_exceeds_remaining: "That is more than is left to refund on this line.",
  unknown_line: "That item is not on this order.",
  exceeds_captured: "That is more than is left to refund on this order.",
  empty: "Choose at least one item or the shipping to refund.",
};

/** Locks the order row; every change to an order's money or quantities takes this lock first. */
export async function lockOrder(tx: DbOrTx, orderId: string) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  if (!order) throw new DomainError("not_found", "No such order.");
  return order;
}

/**
 * The same lock, with the order's store — and the enabled webhook endpoints, for the events the
 * transaction will write — read in the same statement; with `liveRuleSet`, the store's live rule
 * set too (the intake decides by it).
 */
export async function lockOrderWithStore(
  tx: DbOrTx,
  orderId: string,
  options: { liveRuleSet?: boolean } = {},
) {
  const [row] = await tx
    .select({
      order: orders,
      store: stores,
      endpoints: enabledEndpointsColumn,
      ruleSet: options.liveRuleSet ? liveRuleSetColumn : sql<null>`null`,
    })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(eq(orders.id, orderId))
    .for("update", { of: orders });
  if (!row) throw new DomainError("not_found", "No such order.");
  rememberEnabledEndpoints(tx, row.endpoints);
  if (options.liveRuleSet) rememberLiveRuleSet(tx, row.store.id, row.ruleSet);
  return { order: row.order, store: row.store };
}

async function capturedPayment(tx: DbOrTx, orderId: string) {
  const rows = await tx
    .select()
    .from(paymentTransactions)
    .where(and(eq(paymentTransactions.orderId, orderId), eq(paymentTransactions.status, "success")));
  return capturedOf(rows);
}

/** The payment a refund goes back to, among an order's successful transactions. */
const capturedOf = (successful: (typeof paymentTransactions.$inferSelect)[]) =>
  successful.find((r) => r.kind === "sale" || r.kind === "capture") ?? null;

/**
 * Creates a pending refund inside the caller's transaction and enqueues its submission.
 * Automatic refunds (rules, system) and agents must stay within the store's maximum per order.
 */
export async function createRefundInTx(
  tx: DbOrTx,
  plan: RefundPlan,
  actor: Actor,
  options: {
    enforceStoreMax: boolean;
    /**
     * The order (as it is now, locked by the caller), its store, lines and successful payments,
     * when the caller already read them in this transaction.
     */
    loaded?: {
      order: typeof orders.$inferSelect;
      store: typeof stores.$inferSelect;
      lines: (typeof lineItems.$inferSelect)[];
      payments: (typeof paymentTransactions.$inferSelect)[];
    };
  },
): Promise<CreatedRefund> {
  const { loaded } = options;
  const { order, store } = loaded ?? (await lockOrderWithStore(tx, plan.orderId));
  const lines = loaded?.lines ?? (await tx.select().from(lineItems).where(eq(lineItems.orderId, order.id)));
  const payment = loaded ? capturedOf(loaded.payments) : await capturedPayment(tx, order.id);
  if (!payment || order.capturedAmount === 0) {
    throw new DomainError(
      "not_eligible",
      "Nothing has been captured on this order, so there is nothing to refund.",
    );
  }

  const selection = {
    lines: plan.lines.filter((l) => l.quantity > 0),
    includeShipping: plan.includeShipping,
  };
  await refuseWhatAFailedRefundHolds(tx, order, lines, selection, plan.customAmount);
  const breakdown = breakdownFor(order, lines, selection, plan.customAmount);
  const amount = plan.customAmount ?? breakdown.total;
  if (plan.customAmount !== undefined && !plan.reason) {
    throw new DomainError("invalid_input", "Say why the amount differs.", {
      reason: ["Say why the amount differs"],
    });
  }
  if (amount > order.capturedAmount - order.refundedAmount) {
    throw new DomainError("limit_exceeded", "That is more than is left to refund on this order.", {
      customAmount: ["Above what remains refundable"],
    });
  }
  if (options.enforceStoreMax && order.refundedAmount + amount > store.maxRefundPerOrder) {
    throw new DomainError(
      "limit_exceeded",
      "Above the store's maximum refund per order; a person must decide.",
    );
  }

  const parts = splitAmount(amount, breakdown);
  const refundId = crypto.randomUUID();
  await tx.insert(refunds).values({
    id: refundId,
    orderId: order.id,
    storeId: order.storeId,
    requestId: plan.requestId ?? null,
    locale: plan.locale ?? null,
    amount,
    currency: order.currency,
    shippingAmount: parts.shipping,
    restock: plan.lines.some((l) => (l.restockQuantity ?? 0) > 0),
    status: "pending",
    gateway: payment.gateway,
    paymentMethodType: payment.paymentMethod.type,
    paymentReference: payment.gatewayReference,
    idempotencyKey: refundKey(refundId, 1),
    confirmBy: confirmationDeadline(new Date(), store, payment.gateway, payment.paymentMethod.type),
    note: plan.reason,
    createdByType: actor.type,
    createdById: actor.id ?? null,
  });
  const restockBy = new Map(plan.lines.map((l) => [l.lineItemId, l.restockQuantity ?? 0]));
  if (parts.lines.length > 0) {
    await tx.insert(refundLines).values(
      parts.lines.map((l) => ({
        refundId,
        lineItemId: l.lineItemId,
        quantity: l.quantity,
        amount: l.amount,
        restockQuantity: Math.min(restockBy.get(l.lineItemId) ?? 0, l.quantity),
      })),
    );
  }
  await addToLineCounter(tx, "quantityRefunded", parts.lines);
  await tx
    .update(orders)
    .set({
      refundedAmount: sql`${orders.refundedAmount} + ${amount}`,
      shippingRefunded: sql`${orders.shippingRefunded} + ${parts.shipping}`,
      updatedAt: new Date(),
    })
    .where(eq(orders.id, order.id));
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "refund",
    subjectId: refundId,
    orderId: order.id,
    actor,
    type: "refund.created",
    data: {
      amount,
      currency: order.currency,
      requestId: plan.requestId ?? null,
      reason: plan.reason ?? null,
    },
  });
  await enqueue(tx, "refund.submit", { refundId }, { eager: true });
  return { refundId, amount };
}

/**
 * A failed refund keeps its reservation (units and amount) until it is retried, settled or released
 * by an owner. Asking for those units — or for money only it holds — again is refused with a
 * pointer to it, so the same items are never refunded twice (nor offered a second fallback).
 */
async function refuseWhatAFailedRefundHolds(
  tx: DbOrTx,
  order: typeof orders.$inferSelect,
  lines: (typeof lineItems.$inferSelect)[],
  selection: { lines: { lineItemId: string; quantity: number }[]; includeShipping: boolean },
  customAmount: number | undefined,
) {
  const overlapping = selection.lines
    .filter((s) => {
      const line = lines.find((l) => l.id === s.lineItemId);
      return line && s.quantity > line.quantity - line.quantityRefunded;
    })
    .map((s) => s.lineItemId);
  const overAmount = (customAmount ?? 0) > order.capturedAmount - order.refundedAmount;
  // Nothing asked for is reserved already: the common path reads nothing more.
  if (overlapping.length === 0 && !overAmount) return;
  const failed = await tx
    .select({ id: refunds.id, amount: refunds.amount })
    .from(refunds)
    .where(and(eq(refunds.orderId, order.id), eq(refunds.kind, "refund"), eq(refunds.status, "failed")));
  if (failed.length === 0) return;
  let holding = failed;
  if (overlapping.length > 0) {
    const covering = await tx
      .selectDistinct({ refundId: refundLines.refundId })
      .from(refundLines)
      .where(
        and(
          inArray(
            refundLines.refundId,
            failed.map((f) => f.id),
          ),
          inArray(refundLines.lineItemId, overlapping),
        ),
      );
    holding = failed.filter((f) => covering.some((c) => c.refundId === f.id));
  }
  const first = holding[0];
  if (!first) return;
  throw new DomainError(
    "conflict",
    `These items are held by refund ${first.id.slice(0, 8)} (${formatMoney(first.amount, order.currency, "en-GB")}), which failed at the bank. Retry it, record it as paid offline, or ask an owner to release it before refunding them again.`,
    { lines: [`Held by the failed refund ${first.id.slice(0, 8)}`] },
  );
}

/**
 * The order's refunds that are not canceled must fit what was captured (DESIGN.md §4.1): checked
 * again, under the order's lock, before a fallback pays a failed refund's reservation out.
 */
export async function assertReservedWithinCapturedInTx(
  tx: DbOrTx,
  order: Pick<typeof orders.$inferSelect, "id" | "capturedAmount">,
) {
  const [row] = await tx
    .select({ reserved: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.orderId, order.id), eq(refunds.kind, "refund"), ne(refunds.status, "canceled")));
  if (Number(row?.reserved ?? 0) > order.capturedAmount) {
    throw new DomainError(
      "conflict",
      "The refunds of this order add up to more than was paid; our team will contact you.",
    );
  }
}

/**
 * Releases an authorisation that was never captured, after the whole order was cancelled: the
 * shopper's money never left their account, so nothing is refunded and nothing is reserved.
 */
export async function createVoidInTx(
  tx: DbOrTx,
  order: { id: string; storeId: string; currency: string },
  requestId: string | null,
  actor: Actor,
): Promise<CreatedRefund | null> {
  const payments = await tx
    .select()
    .from(paymentTransactions)
    .where(and(eq(paymentTransactions.orderId, order.id), eq(paymentTransactions.status, "success")));
  const authorization = payments.find((p) => p.kind === "authorization");
  if (!authorization || payments.some((p) => p.kind === "void")) return null;
  const open = await tx
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        eq(refunds.orderId, order.id),
        eq(refunds.kind, "void"),
        sql`${refunds.status} not in ('failed', 'canceled')`,
      ),
    );
  if (open.length > 0) return null;
  const refundId = crypto.randomUUID();
  await tx.insert(refunds).values({
    id: refundId,
    orderId: order.id,
    storeId: order.storeId,
    requestId,
    kind: "void",
    amount: authorization.amount,
    currency: order.currency,
    status: "pending",
    gateway: authorization.gateway,
    paymentMethodType: authorization.paymentMethod.type,
    paymentReference: authorization.gatewayReference,
    idempotencyKey: refundKey(refundId, 1),
    createdByType: actor.type,
    createdById: actor.id ?? null,
  });
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "refund",
    subjectId: refundId,
    orderId: order.id,
    actor,
    type: "refund.created",
    data: { kind: "void", amount: authorization.amount, currency: order.currency, requestId },
  });
  await enqueue(tx, "refund.submit", { refundId }, { eager: true });
  return { refundId, amount: authorization.amount };
}

function breakdownFor(
  order: typeof orders.$inferSelect,
  lines: (typeof lineItems.$inferSelect)[],
  selection: { lines: { lineItemId: string; quantity: number }[]; includeShipping: boolean },
  customAmount: number | undefined,
) {
  if (selection.lines.length === 0 && !selection.includeShipping && customAmount !== undefined) {
    return { lines: [], shipping: 0, total: 0 };
  }
  try {
    return computeRefund({ ...order, lines }, selection);
  } catch (error) {
    if (error instanceof RefundAllocationError) {
      throw new DomainError(
        error.code === "exceeds_captured" ? "limit_exceeded" : "invalid_input",
        ALLOCATION_MESSAGES[error.code],
        {
          lines: [ALLOCATION_MESSAGES[error.code]],
        },
      );
    }
    throw error;
  }
}

/** Spreads a custom total over lines and shipping in proportion, so the parts sum to the whole. */
function splitAmount(amount: number, breakdown: ReturnType<typeof computeRefund>) {
  if (amount === breakdown.total) {
    return { lines: breakdown.lines.map((l) => ({ ...l })), shipping: breakdown.shipping };
  }
  const weights = [...breakdown.lines.map((l) => l.amount), breakdown.shipping];
  const shares = weights.some((w) => w > 0)
    ? allocateProportionally(amount, weights)
    : [...breakdown.lines.map(() => 0), 0];
  return {
    lines: breakdown.lines.map((l, i) => ({ ...l, amount: shares[i]! })),
    shipping: weights.some((w) => w > 0) ? shares[shares.length - 1]! : 0,
  };
}

// ---- submission: the only place money moves ----

export type SubmitOutcome = "skipped" | "submitted" | "succeeded" | "failed" | "canceled" | "retry";

/**
 * Claims a pending refund and sends it to the gateway. Returns "skipped" when another worker
 * holds it or it is no longer pending. A lost answer is retried later with the same key, and
 * the gateway returns the refund it already made instead of making a second one.
 */
export async function submitRefund(
  db: Db,
  refundId: string,
  gateways: GatewayResolver,
  options: { claimTimeoutMs?: number; now?: Date } = {},
): Promise<SubmitOutcome> {
  const now = options.now ?? new Date();
  const staleBefore = new Date(now.getTime() - (options.claimTimeoutMs ?? CLAIM_TIMEOUT_MS));
  // The order's number (for the gateway's metadata) comes back with the claim: one statement.
  const [claimed] = await db
    .update(refunds)
    .set({ claimedAt: now, attempts: sql`${refunds.attempts} + 1`, updatedAt: now })
    .from(orders)
    .where(
      and(
        eq(refunds.id, refundId),
        eq(orders.id, refunds.orderId),
        eq(refunds.status, "pending"),
        // A held refund (disputed charge) waits for staff to release it.
        isNull(refunds.heldAt),
        sql`(${refunds.claimedAt} is null or ${refunds.claimedAt} < ${staleBefore.toISOString()})`,
      ),
    )
    .returning({ ...getTableColumns(refunds), orderNumber: orders.number });
  if (!claimed) return "skipped";
  if (claimed.offline) return "skipped";
  let gateway: PaymentGateway;
  try {
    gateway = gateways(claimed.gateway);
  } catch (error) {
    if (!(error instanceof MissingGatewayError)) throw error;
    await failForStaff(db, refundId, error);
    return "failed";
  }
  let result: GatewayRefund;
  try {
    result = claimed.kind === "void" ? await voidAt(gateway, claimed) : await sendOnce(gateway, claimed);
  } catch (error) {
    if (isGatewayError(error) && !error.retryable) {
      await applyGatewayRefund(db, refundId, {
        id: "",
        status: "failed",
        amount: claimed.amount,
        currency: claimed.currency,
        failureCode: error.code,
        failureReason: error.message,
      });
      return "failed";
    }
    // Unknown outcome (timeout, 5xx, crash of the gateway): release the claim, keep the key.
    await db.transaction(async (tx) => {
      await tx
        .update(refunds)
        .set({ claimedAt: null, updatedAt: new Date() })
        .where(eq(refunds.id, refundId));
      await recordEvent(tx, {
        storeId: claimed.storeId,
        subjectType: "refund",
        subjectId: refundId,
        orderId: claimed.orderId,
        actor: { type: "gateway", id: gateway.name },
        type: "refund.attempt_failed",
        data: { attempt: claimed.attempts, error: (error as Error).message },
      });
    });
    throw error;
  }
  return applyGatewayRefund(db, refundId, result);
}

/**
 * Sends the refund under its key. A repeat (an earlier attempt's answer was lost) first asks the
 * gateway what it made for this refund and adopts a refund that moves money: the key alone is not
 * enough, since Stripe forgets it after 24 hours and would make a second refund.
 */
async function sendOnce(
  gateway: PaymentGateway,
  row: typeof refunds.$inferSelect & { orderNumber: string },
): Promise<GatewayRefund> {
  const paymentReference = row.paymentReference ?? "";
  if (row.attempts > 1) {
    const made = await gateway.findRefund({ paymentReference, refundId: row.id });
    if (made && LIVE_REFUND_STATUSES.includes(made.status)) return made;
  }
  return gateway.createRefund({
    paymentReference,
    amount: row.amount,
    currency: row.currency,
    idempotencyKey: row.idempotencyKey,
    metadata: { refundId: row.id, orderNumber: row.orderNumber },
  });
}

/**
 * No adapter can send this refund (a payment made through a gateway Aftercare cannot refund, or one
 * not configured): it fails at once for staff — the monitor's "needs attention", an owner alert —
 * instead of being retried forever, and the shopper is told a person will pay it.
 */
async function failForStaff(db: Db, refundId: string, error: MissingGatewayError) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for("update");
    if (!row || row.status !== "pending") return;
    const { order, store } = await lockOrderWithStore(tx, row.orderId);
    const reason = `${error.message}. Refund the shopper another way and record it offline.`;
    await tx
      .update(refunds)
      .set({
        status: "failed",
        failureCode: NO_GATEWAY_ADAPTER,
        failureReason: reason,
        claimedAt: null,
        // Nothing was sent.
        attempts: sql`greatest(${refunds.attempts} - 1, 0)`,
        updatedAt: new Date(),
      })
      .where(eq(refunds.id, row.id));
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "refund",
      subjectId: row.id,
      orderId: order.id,
      actor: { type: "system" },
      type: "refund.failed",
      data: { code: NO_GATEWAY_ADAPTER, reason, gateway: error.gateway },
    });
    await alertOwners(tx, { orderNumber: order.number, reason });
    if (row.kind === "refund")
      await notifyOrder(tx, order, "refund_manual", { amount: row.amount }, { store, locale: row.locale });
  });
}

async function voidAt(gateway: PaymentGateway, row: typeof refunds.$inferSelect): Promise<GatewayRefund> {
  if (!gateway.voidAuthorization) {
    return {
      id: "",
      status: "failed",
      amount: row.amount,
      currency: row.currency,
      failureCode: "void_unsupported",
      failureReason: `${gateway.name} cannot void an authorisation`,
    };
  }
  const result = await gateway.voidAuthorization({
    paymentReference: row.paymentReference ?? "",
    idempotencyKey: row.idempotencyKey,
  });
  return { id: result.id, status: result.status, amount: row.amount, currency: row.currency };
}

/**
 * Applies what the gateway says about a refund (answer, poll or webhook). Idempotent: the same
 * news twice changes nothing; news older than the row's state is ignored.
 */
export async function applyGatewayRefund(db: Db, refundId: string, g: GatewayRefund): Promise<SubmitOutcome> {
  return db.transaction((tx) => withBatchedWrites(tx, () => applyInTx(tx, refundId, g)));
}

async function applyInTx(tx: Tx, refundId: string, g: GatewayRefund): Promise<SubmitOutcome> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for("update");
  if (!row) throw new DomainError("not_found", "No such refund.");
  if (row.status === "succeeded" || row.status === "canceled") return "skipped";
  if (row.status === "failed" && g.status !== "succeeded") return "skipped";
  const { order, store } = await lockOrderWithStore(tx, row.orderId);
  const now = new Date();
  const base = {
    storeId: order.storeId,
    subjectType: "refund" as const,
    subjectId: row.id,
    orderId: order.id,
  };
  const gatewayActor: Actor = { type: "gateway", id: row.gateway };

  const patch: Partial<typeof refunds.$inferInsert> = {
    claimedAt: null,
    updatedAt: now,
    gatewayStatus: g.status,
    pendingReason: g.status === "pending" ? (g.pendingReason ?? null) : null,
  };
  if (g.id) patch.gatewayRefundId = g.id;
  if (g.arn) patch.arn = g.arn;
  const justSubmitted = row.status === "pending";
  const isVoid = row.kind === "void";
  if (justSubmitted) patch.confirmBy = confirmationDeadline(now, store, row.gateway, row.paymentMethodType);
  if (justSubmitted && isVoid) {
    Object.assign(patch, { submittedAt: now, status: "submitted" });
  } else if (justSubmitted) {
    const window = arrivalWindow(
      now,
      store.arrivalWindows[row.paymentMethodType],
      store.timeZone,
      store.holidays,
    );
    Object.assign(patch, {
      submittedAt: now,
      expectedFrom: window.from,
      expectedTo: window.to,
      status: "submitted",
    });
  }

  if (g.status === "failed") {
    Object.assign(patch, {
      status: "failed",
      failureCode: g.failureCode ?? "failed",
      failureReason: g.failureReason ?? null,
    });
    await tx.update(refunds).set(patch).where(eq(refunds.id, row.id));
    await recordEvent(tx, {
      ...base,
      actor: gatewayActor,
      type: "refund.failed",
      data: { code: g.failureCode, reason: g.failureReason },
    });
    // A failure the shopper can route around gets a fallback offer (its own e-mail) instead.
    const { toldShopper } = await afterRefundFailedInTx(tx, row, order, g);
    if (!isVoid && !toldShopper)
      await notifyOrder(
        tx,
        order,
        "refund_failed",
        { amount: row.amount, reason: g.failureReason },
        { store, locale: row.locale },
      );
    return "failed";
  }

  if (g.status === "canceled") {
    Object.assign(patch, { status: "canceled", settledAt: now });
    await tx.update(refunds).set(patch).where(eq(refunds.id, row.id));
    if (!isVoid) await releaseReservationInTx(tx, row);
    await recordEvent(tx, {
      ...base,
      actor: gatewayActor,
      type: "refund.canceled",
      data: { amount: row.amount },
    });
    await alertOwners(tx, {
      orderNumber: order.number,
      reason: `The gateway canceled the refund of ${row.amount} ${row.currency} (minor units); nothing was paid back. Refund the shopper again or another way.`,
    });
    return "canceled";
  }

  if (justSubmitted) {
    await recordEvent(tx, {
      ...base,
      actor: gatewayActor,
      type: "refund.submitted",
      data: { amount: row.amount, gatewayRefundId: g.id },
    });
    // Completed at once (as the sandbox and many card refunds are): one e-mail, refund_succeeded below.
    if (!isVoid && g.status !== "succeeded") {
      await notifyOrder(
        tx,
        order,
        "refund_sent",
        {
          amount: row.amount,
          expectedFrom: patch.expectedFrom ?? undefined,
          expectedTo: patch.expectedTo ?? undefined,
        },
        { store, locale: row.locale },
      );
    }
  }

  if (g.status === "succeeded") {
    Object.assign(patch, { status: "succeeded", settledAt: now, failureCode: null, failureReason: null });
    await tx.update(refunds).set(patch).where(eq(refunds.id, row.id));
    await recordEvent(tx, {
      ...base,
      actor: gatewayActor,
      type: "refund.succeeded",
      data: { amount: row.amount },
    });
    if (isVoid) await recordVoid(tx, row, g.id);
    await afterRefundSucceededInTx(tx, row, order, { offline: false });
    await settleOrder(tx, order, row.requestId);
    if (!isVoid) {
      const arrival = justSubmitted
        ? { expectedFrom: patch.expectedFrom, expectedTo: patch.expectedTo }
        : { expectedFrom: row.expectedFrom, expectedTo: row.expectedTo };
      await notifyOrder(
        tx,
        order,
        "refund_succeeded",
        { amount: row.amount, ...arrival },
        { store, locale: row.locale },
      );
    }
    return "succeeded";
  }

  // pending / requires_action at the gateway: look again later.
  await tx.update(refunds).set(patch).where(eq(refunds.id, row.id));
  await enqueue(tx, "refund.refresh", { refundId: row.id }, { startAfter: new Date(Date.now() + 15_000) });
  return "submitted";
}

/**
 * Financial status follows the refunds that actually succeeded (`order` as locked by the caller);
 * the request a refund belonged to is completed once none of its refunds is still open. One read
 * of the order's refunds serves both.
 */
async function settleOrder(tx: DbOrTx, order: typeof orders.$inferSelect, requestId: string | null) {
  const orderId = order.id;
  const all = await tx
    .select({
      kind: refunds.kind,
      amount: refunds.amount,
      status: refunds.status,
      requestId: refunds.requestId,
    })
    .from(refunds)
    .where(eq(refunds.orderId, orderId));
  const settled = all.filter((r) => r.status === "succeeded");
  await tx
    .update(orders)
    .set({
      financialStatus: deriveFinancialStatus({
        capturedAmount: order.capturedAmount,
        refundedAmount: settled.filter((r) => r.kind === "refund").reduce((n, r) => n + r.amount, 0),
        authorized: order.financialStatus === "authorized",
        voided: settled.some((r) => r.kind === "void"),
      }),
      updatedAt: new Date(),
    })
    .where(eq(orders.id, orderId));
  const requestOpen = all.some(
    (r) => r.requestId === requestId && r.status !== "succeeded" && r.status !== "canceled",
  );
  if (requestId && !requestOpen) await completeRequest(tx, requestId, order.storeId, orderId);
}

/** The released authorisation, as a payment transaction beside the original one. */
async function recordVoid(tx: DbOrTx, row: typeof refunds.$inferSelect, gatewayVoidId: string) {
  const [authorization] = await tx
    .select()
    .from(paymentTransactions)
    .where(and(eq(paymentTransactions.orderId, row.orderId), eq(paymentTransactions.kind, "authorization")));
  await tx.insert(paymentTransactions).values({
    orderId: row.orderId,
    parentId: authorization?.id ?? null,
    gateway: row.gateway,
    kind: "void",
    status: "success",
    amount: row.amount,
    currency: row.currency,
    gatewayReference: gatewayVoidId || row.paymentReference,
    paymentMethod: authorization?.paymentMethod ?? { type: row.paymentMethodType },
  });
}

async function completeRequest(tx: DbOrTx, requestId: string, storeId: string, orderId: string) {
  const [updated] = await tx
    .update(requests)
    .set({ status: "completed", updatedAt: new Date() })
    .where(and(eq(requests.id, requestId), eq(requests.status, "refunding")))
    .returning({ id: requests.id });
  if (updated) {
    await recordEvent(tx, {
      storeId,
      subjectType: "request",
      subjectId: requestId,
      orderId,
      actor: { type: "system" },
      type: "request.completed",
      data: {},
    });
  }
}

/** Follow-up of a submitted refund: asks the gateway and applies the answer. */
export async function refreshRefund(
  db: Db,
  refundId: string,
  gateways: GatewayResolver,
): Promise<SubmitOutcome> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!row || row.status !== "submitted" || !row.gatewayRefundId) return "skipped";
  return applyGatewayRefund(db, refundId, await gateways(row.gateway).getRefund(row.gatewayRefundId));
}

// ---- staff actions on refunds ----

/** A failed refund goes back to pending under a new key of the same family (the old one failed). */
export async function retryRefund(db: Db, input: { refundId: string }, actor: Actor) {
  await runTransaction(db, (tx) => retryRefundInTx(tx, input, actor));
}

/**
 * The retry itself, in the caller's transaction. Always to the payment the refund reverses: a
 * refund is never sent to a payment someone names (a shopper's fallback offers other ways).
 */
export async function retryRefundInTx(tx: DbOrTx, input: { refundId: string }, actor: Actor) {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, input.refundId)).for("update");
  if (!row) throw new DomainError("not_found", "No such refund.");
  if (row.status !== "failed") {
    throw new DomainError("conflict", `This refund is ${row.status}; only a failed refund can be retried.`);
  }
  if (row.heldAt) {
    throw new DomainError(
      "conflict",
      `This refund is on hold (${row.holdReason ?? "held"}); release it first.`,
    );
  }
  const { order, store } = await lockOrderWithStore(tx, row.orderId);
  const generation = keyGeneration(row.idempotencyKey) + 1;
  await tx
    .update(refunds)
    .set({
      status: "pending",
      idempotencyKey: refundKey(row.id, generation),
      failureCode: null,
      failureReason: null,
      claimedAt: null,
      gatewayRefundId: null,
      gatewayStatus: null,
      pendingReason: null,
      submittedAt: null,
      expectedFrom: null,
      expectedTo: null,
      confirmBy: confirmationDeadline(new Date(), store, row.gateway, row.paymentMethodType),
      updatedAt: new Date(),
    })
    .where(eq(refunds.id, row.id));
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "refund",
    subjectId: row.id,
    orderId: order.id,
    actor,
    type: "refund.retried",
    data: { generation, previousFailure: row.failureCode },
  });
  await enqueue(tx, "refund.submit", { refundId: row.id }, { eager: true });
}

/**
 * Points the refund back at an earlier attempt that turned out to have succeeded after all, so
 * the gateway's news about it can be applied. Only while no later attempt can be moving money:
 * the refund is failed, or its retry is queued but not claimed. False otherwise.
 */
export async function restoreAttemptInTx(
  tx: DbOrTx,
  refundId: string,
  attempt: { idempotencyKey: string; paymentReference: string | null; gatewayRefundId: string },
  actor: Actor,
): Promise<boolean> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for("update");
  if (!row || row.offline) return false;
  if (row.status !== "failed" && !(row.status === "pending" && !row.claimedAt)) return false;
  const order = await lockOrder(tx, row.orderId);
  await tx
    .update(refunds)
    .set({
      status: "failed",
      idempotencyKey: attempt.idempotencyKey,
      paymentReference: attempt.paymentReference,
      gatewayRefundId: attempt.gatewayRefundId,
      updatedAt: new Date(),
    })
    .where(eq(refunds.id, row.id));
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "refund",
    subjectId: row.id,
    orderId: order.id,
    actor,
    type: "refund.attempt_restored",
    data: {
      replacedKey: row.idempotencyKey,
      restoredKey: attempt.idempotencyKey,
      wasQueued: row.status === "pending",
    },
  });
  return true;
}

export type OfflineOutcome =
  { outcome: "recorded" } | { outcome: "adopted"; status: GatewayRefund["status"] };

/**
 * Staff paid the shopper outside the gateway (e.g. bank transfer): the refund is settled offline.
 * A refund the gateway may have made (an attempt was sent, whether or not its answer came back) is
 * first looked up there, held meanwhile so no worker sends it: a refund the gateway made is adopted
 * and nothing is recorded offline; only one it has definitely not made is settled offline. The
 * lookup is an event either way.
 */
export async function recordOfflineRefund(
  db: Db,
  input: { refundId: string; note: string },
  actor: Actor,
  gateways: GatewayResolver,
): Promise<OfflineOutcome> {
  offlineNote(input.note);
  const held = await holdForLookup(db, input.refundId);
  if (!held) {
    await db.transaction((tx) => recordOfflineRefundInTx(tx, input, actor));
    return { outcome: "recorded" };
  }
  let made: GatewayRefund | null;
  try {
    made = await gateways(held.gateway).findRefund({
      gatewayRefundId: held.gatewayRefundId,
      paymentReference: held.paymentReference ?? "",
      refundId: held.id,
    });
  } catch (error) {
    await db
      .update(refunds)
      .set({ claimedAt: null })
      .where(and(eq(refunds.id, held.id), eq(refunds.claimedAt, held.claimedAt)));
    if (!isGatewayError(error) && !(error instanceof MissingGatewayError)) throw error;
    throw new DomainError(
      "conflict",
      `Could not ask ${held.gateway} whether it made this refund (${error.message}), so nothing was recorded. Try again in a minute.`,
    );
  }
  return db.transaction((tx) => withBatchedWrites(tx, () => settleAfterLookup(tx, held, made, input, actor)));
}

/** Takes the claim on a refund whose gateway outcome must be looked up; null when none is needed. */
async function holdForLookup(db: Db, refundId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for("update");
    if (!row) throw new DomainError("not_found", "No such refund.");
    assertOfflineAllowed(row, null);
    if (row.kind !== "refund" || (row.attempts === 0 && !row.gatewayRefundId)) return null;
    const claimedAt = new Date();
    await tx.update(refunds).set({ claimedAt }).where(eq(refunds.id, row.id));
    return { ...row, claimedAt };
  });
}

async function settleAfterLookup(
  tx: Tx,
  held: typeof refunds.$inferSelect & { claimedAt: Date },
  made: GatewayRefund | null,
  input: { refundId: string; note: string },
  actor: Actor,
): Promise<OfflineOutcome> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, held.id)).for("update");
  if (row?.claimedAt?.getTime() !== held.claimedAt.getTime() || row.idempotencyKey !== held.idempotencyKey) {
    throw new DomainError("conflict", "This refund changed while the gateway was asked; look again.");
  }
  const live = made !== null && LIVE_REFUND_STATUSES.includes(made.status);
  await recordEvent(tx, {
    storeId: row.storeId,
    subjectType: "refund",
    subjectId: row.id,
    orderId: row.orderId,
    actor,
    type: "refund.gateway_checked",
    data: {
      purpose: "offline",
      found: made ? { id: made.id, status: made.status, amount: made.amount } : null,
      verdict: live ? "made_by_gateway" : "not_made",
    },
  });
  if (!live) {
    await recordOfflineRefundInTx(tx, input, actor, { lookedUpAt: held.claimedAt });
    return { outcome: "recorded" };
  }
  await tx.update(refunds).set({ claimedAt: null }).where(eq(refunds.id, row.id));
  await applyInTx(tx, row.id, made);
  return { outcome: "adopted", status: made.status };
}

function offlineNote(raw: string) {
  const note = raw.trim();
  if (note.length < 3)
    throw new DomainError("invalid_input", "Say how the money was paid.", {
      note: ["Say how the money was paid"],
    });
  return note;
}

/** Only a failed refund, or a pending one no worker is sending (`lookedUpAt`: the lookup's own claim). */
function assertOfflineAllowed(row: typeof refunds.$inferSelect, lookedUpAt: Date | null) {
  const claim = row.claimedAt?.getTime();
  const free =
    claim === undefined || claim < Date.now() - CLAIM_TIMEOUT_MS || claim === lookedUpAt?.getTime();
  if (row.status !== "failed" && !(row.status === "pending" && free)) {
    throw new DomainError(
      "conflict",
      `This refund is ${row.status}${row.status === "pending" ? " and being sent right now" : ""}; only a failed or unsent refund can be settled offline.`,
    );
  }
}

/** A pending refund that was sent has an unknown outcome until the gateway is asked. */
const outcomeUnknown = (row: typeof refunds.$inferSelect) =>
  row.status === "pending" && row.kind === "refund" && (row.attempts > 0 || row.gatewayRefundId !== null);

/**
 * The same, in the caller's transaction, for a refund whose outcome at the gateway is known
 * (failed, never sent, or just looked up); `notify: false` when the caller tells the shopper itself.
 */
export async function recordOfflineRefundInTx(
  tx: DbOrTx,
  input: { refundId: string; note: string },
  actor: Actor,
  options: { notify?: boolean; lookedUpAt?: Date } = {},
) {
  const note = offlineNote(input.note);
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, input.refundId)).for("update");
  if (!row) throw new DomainError("not_found", "No such refund.");
  assertOfflineAllowed(row, options.lookedUpAt ?? null);
  const lookedUp = options.lookedUpAt && row.claimedAt?.getTime() === options.lookedUpAt.getTime();
  if (outcomeUnknown(row) && !lookedUp) {
    throw new DomainError(
      "conflict",
      "This refund was sent to the gateway and its answer is unknown; look it up there before settling it offline.",
    );
  }
  const order = await lockOrder(tx, row.orderId);
  const now = new Date();
  await tx
    .update(refunds)
    .set({ status: "succeeded", offline: true, note, settledAt: now, claimedAt: null, updatedAt: now })
    .where(eq(refunds.id, row.id));
  await recordEvents(tx, [
    {
      storeId: order.storeId,
      subjectType: "refund",
      subjectId: row.id,
      orderId: order.id,
      actor,
      type: "refund.offline_recorded",
      data: { note, amount: row.amount },
    },
    {
      storeId: order.storeId,
      subjectType: "refund",
      subjectId: row.id,
      orderId: order.id,
      actor,
      type: "refund.succeeded",
      data: { amount: row.amount, offline: true },
    },
  ]);
  await afterRefundSucceededInTx(tx, row, order, { offline: true });
  await settleOrder(tx, order, row.requestId);
  if (options.notify ?? true)
    await notifyOrder(tx, order, "refund_succeeded", { amount: row.amount }, { locale: row.locale });
}

/**
 * An owner gives up a failed refund's reservation (e.g. the shopper was paid back by the card
 * network after a chargeback, or the refund was a mistake): the refund is canceled, its amount and
 * units are free to refund again, any open fallback offer is closed, and the note is audited.
 */
export async function releaseFailedRefund(db: Db, input: { refundId: string; note: string }, actor: Actor) {
  const note = input.note.trim();
  if (note.length < 3)
    throw new DomainError("invalid_input", "Say why the reservation is released.", {
      note: ["Say why the reservation is released"],
    });
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(refunds).where(eq(refunds.id, input.refundId)).for("update");
    if (!row) throw new DomainError("not_found", "No such refund.");
    if (row.status !== "failed" || row.kind !== "refund") {
      throw new DomainError(
        "conflict",
        `This refund is ${row.status}; only a failed refund's reservation can be released.`,
      );
    }
    const order = await lockOrder(tx, row.orderId);
    await tx
      .update(refunds)
      .set({ status: "canceled", claimedAt: null, updatedAt: new Date() })
      .where(eq(refunds.id, row.id));
    await releaseReservationInTx(tx, row);
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "refund",
      subjectId: row.id,
      orderId: order.id,
      actor,
      type: "refund.released",
      data: { amount: row.amount, note, previousFailure: row.failureCode },
    });
    await afterRefundReleasedInTx(tx, row, order);
    // Nothing more will be paid through this refund: its request is done once no other is open.
    await settleOrder(tx, order, row.requestId);
  });
}

/** Gives a canceled refund's amount, shipping and units back to the order (the caller holds its lock). */
export async function releaseReservationInTx(
  tx: DbOrTx,
  row: Pick<typeof refunds.$inferSelect, "id" | "orderId" | "amount" | "shippingAmount">,
) {
  const lines = await tx
    .select({ lineItemId: refundLines.lineItemId, quantity: refundLines.quantity })
    .from(refundLines)
    .where(eq(refundLines.refundId, row.id));
  for (const l of lines) {
    await tx
      .update(lineItems)
      .set({ quantityRefunded: sql`${lineItems.quantityRefunded} - ${l.quantity}` })
      .where(eq(lineItems.id, l.lineItemId));
  }
  await tx
    .update(orders)
    .set({
      refundedAmount: sql`${orders.refundedAmount} - ${row.amount}`,
      shippingRefunded: sql`${orders.shippingRefunded} - ${row.shippingAmount}`,
      updatedAt: new Date(),
    })
    .where(eq(orders.id, row.orderId));
}

/** A refund staff make outside any request (goodwill, partial, shipping). */
export async function createManualRefund(
  db: Db,
  input: Omit<RefundPlan, "requestId"> & { reason: string },
  actor: Actor,
  options: { allowAboveStoreMax: boolean },
): Promise<{ refundId: string }> {
  if (!input.reason?.trim())
    throw new DomainError("invalid_input", "Give a reason for the refund.", { reason: ["Give a reason"] });
  return runTransaction(db, async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    const created = await createRefundInTx(tx, { ...input, requestId: null }, actor, {
      enforceStoreMax: !options.allowAboveStoreMax,
    });
    const restock = input.lines
      .filter((l) => (l.restockQuantity ?? 0) > 0)
      .map((l) => ({ lineItemId: l.lineItemId, quantity: l.restockQuantity! }));
    if (restock.length) await restockLines(tx, order, restock, actor);
    return { refundId: created.refundId };
  });
}
