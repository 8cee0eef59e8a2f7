// When a refund counts as overdue: still unconfirmed (pending here, or pending at the gateway) one
// business day after it was sent — or the gateway's documented window for the payment method, where
// that is longer. The deadline is stored on the refund (`confirm_by`) when it is created, sent, or
// sent again, so every list and count reads one column.
import { and, inArray, isNull, lt, sql } from "drizzle-orm";
import { addBusinessDays, localDate } from "@/lib/calendar/business-days";
import { type PAYMENT_METHOD_TYPES, refunds } from "@/lib/db/schema";

type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

/** Business days a gateway documents for confirming a refund, where longer than one. */
const CONFIRMATION_BUSINESS_DAYS: Record<string, Partial<Record<PaymentMethodType, number>>> = {
  // Stripe: refunds of bank debits (SEPA Direct Debit, ACH) confirm within about 5 business days.
  stripe: { bank_transfer: 5 },
};

/** The moment a refund sent at `sentAt` is overdue: the same time of day, N business days later. */
export function confirmationDeadline(
  sentAt: Date,
  store: { timeZone: string; holidays: string[] },
  gateway: string,
  method: PaymentMethodType,
): Date {
  const days = CONFIRMATION_BUSINESS_DAYS[gateway]?.[method] ?? 1;
  const sent = localDate(sentAt, store.timeZone);
  const due = addBusinessDays(sent, days, store.holidays);
  return new Date(sentAt.getTime() + (Date.parse(due) - Date.parse(sent)));
}

/** Still unconfirmed past its deadline, and not held for a person. */
export const overdueCondition = () =>
  and(
    inArray(refunds.status, ["pending", "submitted"]),
    isNull(refunds.heldAt),
    lt(refunds.confirmBy, sql`now()`),
  );
