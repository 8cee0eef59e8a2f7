import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { events } from "@/lib/db/schema";

/** Every event of an order — its own and its requests' and refunds' — oldest first. */
export async function getOrderTimeline(db: DbOrTx, orderId: string) {
  return db
    .select({
      id: events.id,
      type: events.type,
      actorType: events.actorType,
      actorId: events.actorId,
      subjectType: events.subjectType,
      subjectId: events.subjectId,
      data: events.data,
      createdAt: events.createdAt,
    })
    .from(events)
    .where(eq(events.orderId, orderId))
    .orderBy(asc(events.createdAt), asc(events.id));
}
