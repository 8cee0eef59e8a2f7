// Tells the order's shopper about a step, in their language, through the notifications outbox
// (same transaction as the state change, so a rolled-back change sends nothing).
import type { DbOrTx } from "@/lib/db";
import type { orders } from "@/lib/db/schema";
import { queueNotification } from "@/lib/notifications/commands";
import type { NotificationTemplate, TemplateParams } from "@/lib/notifications/templates";

export async function notifyOrder<T extends NotificationTemplate>(
  tx: DbOrTx,
  order: Pick<typeof orders.$inferSelect, "id" | "email" | "locale">,
  template: T,
  params: TemplateParams[T],
) {
  await queueNotification(tx, { orderId: order.id, to: order.email, locale: order.locale, template, params });
}
