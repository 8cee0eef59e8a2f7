// Tells the order's shopper about a step, in their language, through the notifications outbox
// (same transaction as the state change, so a rolled-back change sends nothing).
import type { DbOrTx } from "@/lib/db";
import type { orders, stores } from "@/lib/db/schema";
import { queueNotification } from "@/lib/notifications/commands";
import type { NotificationTemplate, TemplateParams } from "@/lib/notifications/templates";

/**
 * `store`, when the caller has it in hand, spares the outbox its own read of the order and store
 * (the e-mail shows the order's number and currency and the store's name, all fixed once placed).
 */
export async function notifyOrder<T extends NotificationTemplate>(
  tx: DbOrTx,
  order: Pick<typeof orders.$inferSelect, "id" | "email" | "locale" | "number" | "currency">,
  template: T,
  params: TemplateParams[T],
  store?: Pick<typeof stores.$inferSelect, "name">,
) {
  await queueNotification(tx, {
    orderId: order.id,
    to: order.email,
    locale: order.locale,
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
