// Tells the order's shopper about a step, in their language, through the notifications outbox
// (same transaction as the state change, so a rolled-back change sends nothing).
import type { DbOrTx } from "@/lib/db";
import type { orders, stores } from "@/lib/db/schema";
import { queueNotification } from "@/lib/notifications/commands";
import type { NotificationTemplate, TemplateParams } from "@/lib/notifications/templates";

type NotifiedOrder = Pick<typeof orders.$inferSelect, "id" | "email" | "locale" | "number" | "currency">;

export type NotifyOptions = {
  /**
   * The store, when the caller has it in hand: spares the outbox its own read of the order and
   * store (the e-mail shows the order's number and currency and the store's name, all fixed once placed).
   */
  store?: Pick<typeof stores.$inferSelect, "name">;
  /** The language of the request (or refund) the e-mail is about; the order's is the fallback. */
  locale?: string | null;
};

export async function notifyOrder<T extends NotificationTemplate>(
  tx: DbOrTx,
  order: NotifiedOrder,
  template: T,
  params: TemplateParams[T],
  { store, locale }: NotifyOptions = {},
) {
  await queueNotification(tx, {
    orderId: order.id,
    to: order.email,
    locale: locale ?? order.locale,
    template,
    params,
    ...(store && {
      order: {
        id: order.id,
        number: order.number,
        currency: order.currency,
        locale: order.locale,
        storeName: store.name,
      },
    }),
  });
}
