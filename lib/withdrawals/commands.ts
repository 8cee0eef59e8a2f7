// Withdrawals slice: owns the withdrawal record (EU CRD Art. 11a) and the store's withdrawal
// settings. Guards: one withdrawal per form token (a replayed confirmation finds the first);
// only what is still withdrawable, re-checked under the order lock; the record, its
// acknowledgement e-mail and the requests it leads to commit together or not at all.
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db";
import { lineItems, stores, withdrawals, type WithdrawalLine } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { DomainError, zodFieldErrors } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import { appBaseUrl, queueNotification } from "@/lib/notifications/commands";
import { lockOrder, lockOrderWithStore } from "@/lib/refunds/commands";
import { submitStatutoryRequestInTx } from "@/lib/requests/commands";
import { loadOrderState } from "@/lib/requests/snapshot";
import { getWithdrawalEligibility, type WithdrawalEligibility } from "./eligibility";
import { createReceiptToken, receiptPath } from "./receipt-token";
import {
  type SubmitWithdrawalInput,
  submitWithdrawalSchema,
  type WithdrawalSettingsInput,
  withdrawalSettingsSchema,
} from "./schemas";

type Selection = { lineItemId: string; quantity: number }[];

export type SubmittedWithdrawal = {
  withdrawalId: string;
  created: boolean;
  submittedAt: Date;
  receiptToken: string;
  cancellationRequestId: string | null;
  returnRequestId: string | null;
};

const BLOCK_MESSAGES: Record<NonNullable<WithdrawalEligibility["blockedBy"]>, string> = {
  disabled: "This store does not offer withdrawal online.",
  period_over: "The withdrawal period for this order is over.",
  cancelled: "This order is cancelled already.",
  nothing_left: "Nothing is left on this order to withdraw from.",
};

/**
 * Records a withdrawal, e-mails its acknowledgement and starts what follows: unsent units are
 * cancelled and refunded, sent units become an approved return refunded on receipt.
 */
export async function submitWithdrawal(
  db: Db,
  raw: SubmitWithdrawalInput,
  actor: Actor,
  options: { now?: Date } = {},
): Promise<SubmittedWithdrawal> {
  const parsed = submitWithdrawalSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(
      "invalid_input",
      "Please check the highlighted fields.",
      zodFieldErrors(parsed.error.issues),
    );
  }
  const input = parsed.data;
  const replay = await byKey(db, input.idempotencyKey, input.orderId);
  if (replay) return replay;
  // To the second: the acknowledgement and the record state the same instant.
  const now = new Date(Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000);

  return db.transaction(async (tx) => {
    const { order, store } = await lockOrderWithStore(tx, input.orderId);
    const again = await byKey(tx, input.idempotencyKey, input.orderId);
    if (again) return again;
    const state = await loadOrderState(tx, order);
    const eligibility = getWithdrawalEligibility(state.snapshot, store, now);
    if (!eligibility.available) throw new DomainError("not_eligible", BLOCK_MESSAGES[eligibility.blockedBy!]);
    const chosen = chooseLines(input.scope, input.lines, eligibility);
    const split = splitByShipping(chosen, eligibility);
    const whole = coversEverythingLeft(chosen, eligibility);

    const withdrawalId = crypto.randomUUID();
    const lines = describeLines(split, state.lines);
    await tx.insert(withdrawals).values({
      id: withdrawalId,
      storeId: order.storeId,
      orderId: order.id,
      orderNumber: order.number,
      name: input.name,
      email: input.email,
      reason: input.reason ?? null,
      scope: whole ? "all" : "some",
      lines,
      locale: input.locale,
      submittedAt: now,
      idempotencyKey: input.idempotencyKey,
      createdByType: actor.type,
      createdAt: now,
    });
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "order",
      subjectId: order.id,
      orderId: order.id,
      actor,
      type: "withdrawal.received",
      data: { withdrawalId, submittedAt: now.toISOString(), scope: whole ? "all" : "some", lines },
      at: now,
    });
    const receiptToken = createReceiptToken(withdrawalId, env().authSecret);
    const { notificationId } = await queueNotification(tx, {
      orderId: order.id,
      to: input.email,
      locale: input.locale,
      template: "withdrawal_received",
      params: {
        name: input.name,
        submittedAt: now.toISOString(),
        scope: whole ? "all" : "some",
        items: lines.map((l) => ({ title: titleOf(l), quantity: l.quantity, shipped: l.shipped })),
        reason: input.reason ?? null,
        receiptUrl: `${appBaseUrl()}${receiptPath(receiptToken)}`,
      },
    });

    // The requests speak the withdrawal's language, so every e-mail it leads to is in one language.
    const common = { comment: input.reason ?? null, locale: input.locale };
    const cancellation = split.unshipped.length
      ? await submitStatutoryRequestInTx(
          tx,
          order,
          {
            ...common,
            type: "cancellation",
            lines: split.unshipped,
            idempotencyKey: `${input.idempotencyKey}:cancel`,
            includeShipping: whole,
          },
          actor,
          now,
        )
      : null;
    // The order row changed under the cancellation; the return works from the fresh one.
    const current = cancellation ? await lockOrder(tx, order.id) : order;
    const ret = split.shipped.length
      ? await submitStatutoryRequestInTx(
          tx,
          current,
          {
            ...common,
            type: "return",
            lines: split.shipped,
            idempotencyKey: `${input.idempotencyKey}:return`,
            includeShipping: whole && !cancellation,
          },
          actor,
          now,
        )
      : null;
    await tx
      .update(withdrawals)
      .set({
        acknowledgementId: notificationId,
        cancellationRequestId: cancellation?.requestId ?? null,
        returnRequestId: ret?.requestId ?? null,
      })
      .where(eq(withdrawals.id, withdrawalId));
    return {
      withdrawalId,
      created: true,
      submittedAt: now,
      receiptToken,
      cancellationRequestId: cancellation?.requestId ?? null,
      returnRequestId: ret?.requestId ?? null,
    };
  });
}

async function byKey(db: DbOrTx, key: string, orderId: string): Promise<SubmittedWithdrawal | null> {
  const [row] = await db.select().from(withdrawals).where(eq(withdrawals.idempotencyKey, key));
  if (!row) return null;
  if (row.orderId !== orderId)
    throw new DomainError("conflict", "This form was already used for another order.");
  return {
    withdrawalId: row.id,
    created: false,
    submittedAt: row.submittedAt,
    receiptToken: createReceiptToken(row.id, env().authSecret),
    cancellationRequestId: row.cancellationRequestId,
    returnRequestId: row.returnRequestId,
  };
}

function chooseLines(scope: "all" | "some", picked: Selection, e: WithdrawalEligibility): Selection {
  if (scope === "all")
    return e.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.unshipped + l.shipped }));
  const fieldErrors: Record<string, string[]> = {};
  const merged = new Map<string, number>();
  picked.forEach((l, i) => {
    const line = e.lines.find((x) => x.lineItemId === l.lineItemId);
    const max = line ? line.unshipped + line.shipped : 0;
    const total = (merged.get(l.lineItemId) ?? 0) + l.quantity;
    if (total > max) fieldErrors[`lines.${i}.quantity`] = [max === 0 ? "not_withdrawable" : "too_many"];
    merged.set(l.lineItemId, total);
  });
  if (Object.keys(fieldErrors).length) {
    throw new DomainError("not_eligible", "Some items cannot be withdrawn from.", fieldErrors);
  }
  return [...merged].filter(([, q]) => q > 0).map(([lineItemId, quantity]) => ({ lineItemId, quantity }));
}

/** Unsent units first: cancelling before they ship spares the shopper a return. */
function splitByShipping(chosen: Selection, e: WithdrawalEligibility) {
  const unshipped: Selection = [];
  const shipped: Selection = [];
  for (const c of chosen) {
    const line = e.lines.find((l) => l.lineItemId === c.lineItemId)!;
    const cancel = Math.min(c.quantity, line.unshipped);
    if (cancel > 0) unshipped.push({ lineItemId: c.lineItemId, quantity: cancel });
    if (c.quantity - cancel > 0) shipped.push({ lineItemId: c.lineItemId, quantity: c.quantity - cancel });
  }
  return { unshipped, shipped };
}

function coversEverythingLeft(chosen: Selection, e: WithdrawalEligibility) {
  return e.lines.every(
    (l) => (chosen.find((c) => c.lineItemId === l.lineItemId)?.quantity ?? 0) >= l.unshipped + l.shipped,
  );
}

function describeLines(
  split: { unshipped: Selection; shipped: Selection },
  lines: (typeof lineItems.$inferSelect)[],
): WithdrawalLine[] {
  const describe = (s: Selection[number], shipped: boolean): WithdrawalLine => {
    const line = lines.find((l) => l.id === s.lineItemId)!;
    return {
      lineItemId: s.lineItemId,
      title: line.title,
      variantTitle: line.variantTitle,
      quantity: s.quantity,
      shipped,
    };
  };
  return [...split.unshipped.map((s) => describe(s, false)), ...split.shipped.map((s) => describe(s, true))];
}

export const titleOf = (l: Pick<WithdrawalLine, "title" | "variantTitle">) =>
  l.variantTitle ? `${l.title} (${l.variantTitle})` : l.title;

/** Owner settings: whether the function is offered, its period and its wording per locale. */
export async function updateWithdrawalSettings(db: Db, raw: WithdrawalSettingsInput, actor: Actor) {
  const parsed = withdrawalSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(
      "invalid_input",
      "Please check the highlighted fields.",
      zodFieldErrors(parsed.error.issues),
    );
  }
  const input = parsed.data;
  const labels = Object.fromEntries(Object.entries(input.withdrawalLabels).filter(([, v]) => v));
  await db.transaction(async (tx) => {
    const [store] = await tx.select().from(stores).orderBy(stores.createdAt).limit(1).for("update");
    if (!store) throw new DomainError("not_found", "No store is configured.");
    await tx
      .update(stores)
      .set({ ...input, withdrawalLabels: labels, updatedAt: new Date() })
      .where(eq(stores.id, store.id));
    await recordEvent(tx, {
      storeId: store.id,
      subjectType: "store",
      subjectId: store.id,
      actor,
      type: "store.withdrawal_settings_changed",
      data: { ...input, withdrawalLabels: labels },
    });
  });
}
