// Fallbacks slice: owns the shopper's choice when a refund failed at the bank, and store credit.
// Guards: a choice is made once, while the offer is open and unexpired, the refund still failed
// and not held, and only among the ways this order's gateway and store can really pay
// (choices.ts: the shopper never names a payment to refund to); the order's refunds stay within
// what was captured (re-checked under the order's lock). Every choice moves money through the
// refund's own family (a new attempt under a new key, or an offline settlement of that same
// refund), so the order's refunded total and the refund row stay the single account of what the
// shopper got back.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db";
import { orders, refundFallbacks, refunds, storeCredits, stores } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { DomainError, parseOrThrow } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import { appBaseUrl, queueNotification } from "@/lib/notifications/commands";
import { holdRefundsInTx } from "@/lib/disputes/hold";
import {
  assertReservedWithinCapturedInTx,
  lockOrderWithStore,
  recordOfflineRefundInTx,
  retryRefundInTx,
} from "@/lib/refunds/commands";
import { checkGates } from "@/lib/rules/gates";
import { type FallbackChoice, fallbackChoicesFor } from "./choices";
import { FALLBACK_LINK_DAYS } from "./hooks";
import { maskIban } from "./iban";
import { bankChoiceSchema } from "./schemas";
import { createFallbackToken, fallbackPath } from "./token";

type FallbackRow = typeof refundFallbacks.$inferSelect;

const CLOSED_MESSAGES: Record<string, string> = {
  chosen: "You have already chosen how to get this refund.",
  settled: "This refund has been paid.",
  cancelled: "This choice is no longer needed.",
};

/**
 * The open offer with its refund, locked, or a conflict that names why not: `choice` must be one
 * this order can really be paid by, and the order's refunds must still fit what was captured.
 */
async function lockOpen(tx: DbOrTx, fallbackId: string, choice: FallbackChoice, now: Date) {
  const [f] = await tx.select().from(refundFallbacks).where(eq(refundFallbacks.id, fallbackId)).for("update");
  if (!f) throw new DomainError("not_found", "No such refund choice.");
  const [refund] = await tx.select().from(refunds).where(eq(refunds.id, f.refundId)).for("update");
  const { order, store } = await lockOrderWithStore(tx, f.orderId);
  if (f.status !== "open")
    throw new DomainError("conflict", CLOSED_MESSAGES[f.status] ?? "This choice is closed.");
  if (f.expiresAt <= now)
    throw new DomainError("conflict", "This link has expired. Reply to our e-mail and we will help.");
  if (refund!.heldAt)
    throw new DomainError("conflict", "This refund is being reviewed by our team; we will contact you.");
  if (refund!.status !== "failed") throw new DomainError("conflict", "This choice is no longer needed.");
  const offered = fallbackChoicesFor({
    failureCode: f.failureCode,
    paymentMethodType: refund!.paymentMethodType,
    storeCreditEnabled: store.storeCreditEnabled,
  });
  if (!offered.includes(choice))
    throw new DomainError("not_eligible", "This way of getting the refund is not offered for this order.");
  if (f.amount !== refund!.amount)
    throw new DomainError("conflict", "This choice no longer matches the refund; our team will contact you.");
  await assertReservedWithinCapturedInTx(tx, order);
  return { f, refund: refund!, order };
}

async function markChosen(
  tx: DbOrTx,
  f: FallbackRow,
  patch: Partial<typeof refundFallbacks.$inferInsert>,
  now: Date,
) {
  await tx
    .update(refundFallbacks)
    .set({ status: "chosen", chosenAt: now, updatedAt: now, ...patch })
    .where(eq(refundFallbacks.id, f.id));
}

async function choiceEvent(
  tx: DbOrTx,
  f: FallbackRow,
  order: { storeId: string; id: string },
  actor: Actor,
  data: Record<string, unknown>,
) {
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "refund",
    subjectId: f.refundId,
    orderId: order.id,
    actor,
    type: "refund.fallback_chosen",
    data: { fallbackId: f.id, ...data },
  });
}

/**
 * The original payment again, once the bank has replaced the card: a new attempt of the same
 * refund under the next key of its family, to the charge it reverses (the issuer forwards it).
 */
export async function chooseOriginalRetry(
  db: Db,
  input: { fallbackId: string },
  actor: Actor,
  options: { now?: Date } = {},
) {
  const now = options.now ?? new Date();
  await db.transaction(async (tx) => {
    const { f, refund, order } = await lockOpen(tx, input.fallbackId, "original", now);
    await markChosen(tx, f, { choice: "original" }, now);
    await choiceEvent(tx, f, order, actor, { choice: "original" });
    await retryRefundInTx(tx, { refundId: f.refundId }, actor);
    await holdRetryIfGated(tx, refund, order, now);
  });
}

/**
 * A retry moves money without a person deciding, so it passes the automation gates; one they
 * stop is held with the reason, for staff to release (refund monitor) or settle another way.
 */
async function holdRetryIfGated(
  tx: DbOrTx,
  refund: typeof refunds.$inferSelect,
  order: typeof orders.$inferSelect,
  now: Date,
) {
  const [store] = await tx.select().from(stores).where(eq(stores.id, order.storeId));
  const stop = await checkGates(
    tx,
    { store: store!, order, amount: refund.amount, reserved: true, movesMoney: true },
    now,
  );
  if (!stop) return;
  await holdRefundsInTx(
    tx,
    { storeId: order.storeId, orderId: order.id, refundId: refund.id },
    `Retry to the shopper's replaced card held: ${stop.reason}`,
    { type: "system", id: "automation-gates" },
  );
}

/** Bank transfer: the details are kept for staff, who pay and then record it. */
export async function chooseBankTransfer(
  db: Db,
  input: { fallbackId: string; accountHolder: string; iban: string },
  actor: Actor,
  options: { now?: Date } = {},
) {
  const details = parseOrThrow(bankChoiceSchema, { accountHolder: input.accountHolder, iban: input.iban });
  const now = options.now ?? new Date();
  await db.transaction(async (tx) => {
    const { f, order } = await lockOpen(tx, input.fallbackId, "bank_transfer", now);
    await markChosen(
      tx,
      f,
      { choice: "bank_transfer", accountHolder: details.accountHolder, iban: details.iban },
      now,
    );
    await choiceEvent(tx, f, order, actor, { choice: "bank_transfer", iban: maskIban(details.iban) });
  });
}

/** Store credit, when the store offers it: the credit is issued and the refund settled at once. */
export async function chooseStoreCredit(
  db: Db,
  input: { fallbackId: string },
  actor: Actor,
  options: { now?: Date } = {},
) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const { f, refund, order } = await lockOpen(tx, input.fallbackId, "store_credit", now);
    const code = `CR-${randomBytes(6).toString("hex").toUpperCase()}`;
    const [credit] = await tx
      .insert(storeCredits)
      .values({
        storeId: order.storeId,
        orderId: order.id,
        refundId: refund.id,
        email: order.email,
        code,
        amount: refund.amount,
        currency: refund.currency,
      })
      .returning({ id: storeCredits.id });
    await markChosen(tx, f, { choice: "store_credit", storeCreditId: credit!.id }, now);
    await choiceEvent(tx, f, order, actor, { choice: "store_credit", storeCreditId: credit!.id });
    // Settling the refund settles this fallback too (the engine's success hook).
    await recordOfflineRefundInTx(
      tx,
      { refundId: refund.id, note: `Store credit ${code} chosen by the shopper` },
      actor,
      { notify: false },
    );
    await queueNotification(tx, {
      orderId: order.id,
      to: order.email,
      locale: refund.locale ?? order.locale,
      template: "store_credit_issued",
      params: { amount: refund.amount, code },
    });
    return { code };
  });
}

/** Staff sent the bank transfer the shopper asked for: the refund is settled offline. */
export async function recordFallbackBankTransfer(
  db: Db,
  input: { fallbackId: string; note: string },
  actor: Actor,
) {
  await db.transaction(async (tx) => {
    const [f] = await tx
      .select()
      .from(refundFallbacks)
      .where(eq(refundFallbacks.id, input.fallbackId))
      .for("update");
    if (!f) throw new DomainError("not_found", "No such refund choice.");
    if (f.status !== "chosen" || f.choice !== "bank_transfer") {
      throw new DomainError(
        "conflict",
        `This choice is ${f.status}${f.choice ? ` (${f.choice})` : ""}; only bank details waiting for payment can be recorded.`,
      );
    }
    await recordOfflineRefundInTx(
      tx,
      { refundId: f.refundId, note: `Bank transfer to ${maskIban(f.iban ?? "")}: ${input.note.trim()}` },
      actor,
    );
  });
}

/** Staff checked a possible double payment and say what they did about it. */
export async function resolveFallbackFlag(db: Db, input: { fallbackId: string; note: string }, actor: Actor) {
  await db.transaction(async (tx) => {
    const [f] = await tx
      .select()
      .from(refundFallbacks)
      .where(eq(refundFallbacks.id, input.fallbackId))
      .for("update");
    if (!f) throw new DomainError("not_found", "No such refund choice.");
    if (!f.flaggedAt || f.flagResolvedAt)
      throw new DomainError("conflict", "Nothing is flagged on this refund choice.");
    const now = new Date();
    await tx
      .update(refundFallbacks)
      .set({ flagResolvedAt: now, updatedAt: now })
      .where(eq(refundFallbacks.id, f.id));
    await recordEvent(tx, {
      storeId: f.storeId,
      subjectType: "refund",
      subjectId: f.refundId,
      orderId: f.orderId,
      actor,
      type: "refund.fallback_flag_resolved",
      data: { fallbackId: f.id, note: input.note.trim() },
    });
  });
}

/** A new link (the old one expired or got lost), valid for another period. */
export async function resendFallbackLink(db: Db, input: { fallbackId: string }, actor: Actor) {
  await db.transaction(async (tx) => {
    const [f] = await tx
      .select()
      .from(refundFallbacks)
      .where(eq(refundFallbacks.id, input.fallbackId))
      .for("update");
    if (!f) throw new DomainError("not_found", "No such refund choice.");
    if (f.status !== "open")
      throw new DomainError("conflict", `This choice is ${f.status}; only an open one can be sent again.`);
    const [order] = await tx.select().from(orders).where(eq(orders.id, f.orderId));
    const [store] = await tx
      .select({ credit: stores.storeCreditEnabled })
      .from(stores)
      .where(eq(stores.id, f.storeId));
    const [refund] = await tx
      .select({ locale: refunds.locale, paymentMethodType: refunds.paymentMethodType })
      .from(refunds)
      .where(eq(refunds.id, f.refundId));
    const expiresAt = new Date(Date.now() + FALLBACK_LINK_DAYS * 86_400_000);
    await tx
      .update(refundFallbacks)
      .set({ expiresAt, updatedAt: new Date() })
      .where(eq(refundFallbacks.id, f.id));
    const token = createFallbackToken(f.id, expiresAt, env().authSecret);
    await queueNotification(tx, {
      orderId: f.orderId,
      to: order!.email,
      locale: refund?.locale ?? order!.locale,
      template: "refund_fallback",
      params: {
        amount: f.amount,
        url: `${appBaseUrl()}${fallbackPath(token)}`,
        expiresAt,
        failureCode: f.failureCode,
        choices: fallbackChoicesFor({
          failureCode: f.failureCode,
          paymentMethodType: refund!.paymentMethodType,
          storeCreditEnabled: Boolean(store?.credit),
        }),
      },
    });
    await recordEvent(tx, {
      storeId: f.storeId,
      subjectType: "refund",
      subjectId: f.refundId,
      orderId: f.orderId,
      actor,
      type: "refund.fallback_link_sent",
      data: { fallbackId: f.id, expiresAt: expiresAt.toISOString() },
    });
  });
}
