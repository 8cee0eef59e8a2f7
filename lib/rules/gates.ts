// The automation gates: every path that would move money without a person — a rule's approval,
// the ship-by SLA, a return's arrival, a statutory withdrawal, a fallback retry — asks here
// before it acts. A gate can only stop automation; what it stops waits for a person, with the
// reason this returns.
import type { DbOrTx } from "@/lib/db";
import type { orders, stores } from "@/lib/db/schema";
import { lockStock } from "@/lib/orders/inventory";
import { checkBreaker, lockStoreForBreaker } from "./breaker";

type StoreRow = typeof stores.$inferSelect;

export type GateName = "risk" | "store_max" | "switched_off" | "paused";

/** Why automation stopped: which gate, and one line for staff. */
export type GateStop = { gate: GateName; reason: string };

export type GateInput = {
  store: StoreRow;
  order: Pick<typeof orders.$inferSelect, "riskLevel" | "refundedAmount">;
  /** The refund this step would pay, in minor units (0 for one that releases an authorisation). */
  amount: number;
  /** The refund is already reserved on the order (`refundedAmount` counts it): a retry. */
  reserved?: boolean;
  /** Whether money moves at all (false for a void): the breaker counts only refunds. */
  movesMoney: boolean;
};

/** Prefix of every gate reason that comes from the automation switch or the breaker. */
export const PAUSED_PREFIX = "Automatic refunds are";

/**
 * The gates that need no lock, read from the store row as the caller loaded it: a high-risk
 * order, a refund above the store's maximum per order, automation switched off or paused.
 */
export function closedGate(input: GateInput): GateStop | null {
  const { store, order, amount } = input;
  if (order.riskLevel === "high") {
    return { gate: "risk", reason: "High-risk order held for a person (automation skipped)" };
  }
  const after = order.refundedAmount + (input.reserved ? 0 : amount);
  if (input.movesMoney && after > store.maxRefundPerOrder) {
    return { gate: "store_max", reason: "Above the store's maximum refund per order: never automatic" };
  }
  if (!store.autoRefundEnabled) {
    return { gate: "switched_off", reason: `${PAUSED_PREFIX} switched off in the settings` };
  }
  if (store.automationPausedAt) return pausedStop(store.automationPausedReason);
  return null;
}

export const pausedStop = (reason: string | null): GateStop => ({
  gate: "paused",
  reason: `${PAUSED_PREFIX} paused: ${reason ?? "by the owner"}`,
});

/**
 * Every gate, the circuit breaker included: for a path that checks before it writes. Takes the
 * stock rows the step restocks, then the store row (held until the commit, so the breaker's count
 * stays exact) — the lock order every automatic path keeps. Trips the breaker when this refund
 * would pass its threshold.
 */
export async function checkGates(
  tx: DbOrTx,
  input: GateInput & { restockSkus?: string[] },
  now: Date,
): Promise<GateStop | null> {
  const closed = closedGate(input);
  if (closed || !input.movesMoney) return closed;
  if (input.restockSkus?.length) await lockStock(tx, input.store.id, input.restockSkus);
  const store = await lockStoreForBreaker(tx, input.store.id);
  // The row as locked: automation may have been paused since the caller read it.
  const locked = closedGate({ ...input, store });
  if (locked) return locked;
  const breaker = await checkBreaker(tx, store, input.amount, now);
  return breaker.paused ? pausedStop(breaker.reason) : null;
}
