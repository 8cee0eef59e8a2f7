import "server-only";
// Reads for the console's mail outbox.
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { notifications } from "@/lib/db/schema";

export async function listNotifications(db: DbOrTx, options: { limit?: number; orderId?: string } = {}) {
  return db
    .select({
      id: notifications.id,
      orderId: notifications.orderId,
      to: notifications.to,
      template: notifications.template,
      subject: notifications.subject,
      status: notifications.status,
      transport: notifications.transport,
      attempts: notifications.attempts,
      lastError: notifications.lastError,
      sentAt: notifications.sentAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(options.orderId ? eq(notifications.orderId, options.orderId) : undefined)
    .orderBy(desc(notifications.createdAt))
    .limit(options.limit ?? 100);
}

export async function getNotification(db: DbOrTx, id: string) {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row ?? null;
}
