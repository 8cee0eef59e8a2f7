// Words and colours for the domain's states in the console.
import type { Tone } from "@/components/ui/badge";

export const REQUEST_STATUS: Record<string, { label: string; tone: Tone }> = {
  submitted: { label: "Submitted", tone: "blue" },
  auto_approved: { label: "Auto-approved", tone: "green" },
  pending_review: { label: "Needs decision", tone: "amber" },
  approved: { label: "Approved", tone: "green" },
  declined: { label: "Declined", tone: "red" },
  awaiting_item: { label: "Awaiting item", tone: "blue" },
  item_received: { label: "Item received", tone: "blue" },
  refunding: { label: "Refunding", tone: "violet" },
  completed: { label: "Completed", tone: "neutral" },
  withdrawn: { label: "Withdrawn", tone: "neutral" },
};

export const REFUND_STATUS: Record<string, { label: string; tone: Tone }> = {
  pending: { label: "Pending", tone: "blue" },
  submitted: { label: "Sent to bank", tone: "violet" },
  succeeded: { label: "Succeeded", tone: "green" },
  failed: { label: "Failed", tone: "red" },
  canceled: { label: "Canceled", tone: "neutral" },
};

export const ORDER_STATUS: Record<string, { label: string; tone: Tone }> = {
  open: { label: "Open", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "red" },
  closed: { label: "Closed", tone: "neutral" },
};

export const FINANCIAL_STATUS: Record<string, { label: string; tone: Tone }> = {
  pending: { label: "Payment pending", tone: "amber" },
  authorized: { label: "Authorized", tone: "blue" },
  paid: { label: "Paid", tone: "green" },
  partially_refunded: { label: "Partially refunded", tone: "violet" },
  refunded: { label: "Refunded", tone: "violet" },
  voided: { label: "Voided", tone: "neutral" },
};

export const FULFILLMENT_STATUS: Record<string, { label: string; tone: Tone }> = {
  unfulfilled: { label: "Unfulfilled", tone: "amber" },
  partial: { label: "Partially fulfilled", tone: "blue" },
  fulfilled: { label: "Shipped", tone: "blue" },
  delivered: { label: "Delivered", tone: "green" },
};

export const RISK_LEVEL: Record<string, { label: string; tone: Tone }> = {
  low: { label: "Low risk", tone: "neutral" },
  medium: { label: "Medium risk", tone: "amber" },
  high: { label: "High risk", tone: "red" },
};

export const ACTOR_TYPE: Record<string, string> = {
  shopper: "Shopper",
  staff: "Staff",
  rule: "Rule",
  system: "System",
  gateway: "Gateway",
  api: "API",
};

export const CANCEL_REASONS = [
  { value: "customer", label: "Customer asked" },
  { value: "inventory", label: "Out of stock" },
  { value: "fraud", label: "Fraud" },
  { value: "declined", label: "Payment declined" },
  { value: "other", label: "Other" },
] as const;

/** What the shopper chose after a failed refund, in the console's words. */
export const FALLBACK_CHOICE: Record<string, string> = {
  original: "the original card again, once replaced by the bank",
  bank_transfer: "bank transfer",
  store_credit: "store credit",
};

/** One line on a failed refund's fallback for the monitor and the order page, or null. */
export function fallbackSummary(
  f: { status: string; choice: string | null; flagged: boolean } | null | undefined,
): { text: string; tone: Tone } | null {
  if (!f) return null;
  const choice = f.choice ? (FALLBACK_CHOICE[f.choice] ?? f.choice) : null;
  if (f.flagged) return { text: "Possible double payment: check and resolve", tone: "red" };
  if (f.status === "open") return { text: "Shopper offered a choice; not chosen yet", tone: "amber" };
  if (f.status === "chosen" && f.choice === "bank_transfer")
    return { text: "Shopper chose bank transfer: pay it, then record it", tone: "amber" };
  if (f.status === "chosen") return { text: `Shopper chose ${choice}`, tone: "blue" };
  if (f.status === "settled") return { text: `Paid by the shopper's choice: ${choice}`, tone: "green" };
  return null;
}

export function statusOf<T extends { label: string; tone: Tone }>(map: Record<string, T>, key: string) {
  return map[key] ?? { label: key, tone: "neutral" as Tone };
}
