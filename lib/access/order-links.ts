import "server-only";
// Order links on the server: what an e-mailed link opens (lib/access/order-link.ts has the token),
// and the staff command that revokes every link of an order.
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db";
import { orders, refunds } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import { getShopperOrderView } from "@/lib/orders/queries";
import { checkOrderLink, type OrderLinkVerdict, readOrderLinkToken } from "./order-link";

export type OpenedOrderLink =
  | { ok: true; order: { id: string; number: string } }
  | { ok: false; reason: "invalid" | Exclude<OrderLinkVerdict, "ok"> };

/** The order a link opens, or why it does not (a forged link and a deleted order look the same). */
export async function openOrderLink(
  db: DbOrTx,
  token: string | null | undefined,
  secret: string,
  now = new Date(),
): Promise<OpenedOrderLink> {
  const claim = readOrderLinkToken(token, secret);
  if (!claim) return { ok: false, reason: "invalid" };
  const [order] = await db
    .select({ id: orders.id, number: orders.number, linksRevokedAt: orders.linksRevokedAt })
    .from(orders)
    .where(eq(orders.id, claim.orderId));
  if (!order) return { ok: false, reason: "invalid" };
  const verdict = await checkOrderLink(claim, order, () => orderCanStillChange(db, order.id, now), now);
  return verdict === "ok"
    ? { ok: true, order: { id: order.id, number: order.number } }
    : { ok: false, reason: verdict };
}

const OPEN_REQUESTS = new Set([
  "submitted",
  "auto_approved",
  "pending_review",
  "approved",
  "awaiting_item",
  "item_received",
  "refunding",
]);

/**
 * Something about the order may still happen: it can be cancelled, returned or is still on its way,
 * a request is open, or a refund has not settled.
 */
export async function orderCanStillChange(db: DbOrTx, orderId: string, now: Date): Promise<boolean> {
  const view = await getShopperOrderView(db, orderId, now);
  if (!view) return false;
  const { eligibility } = view;
  if (eligibility.canCancel || eligibility.canReturn || eligibility.returnBlockedBy === "not_delivered")
    return true;
  if (view.requests.some((r) => OPEN_REQUESTS.has(r.status))) return true;
  const [unsettled] = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), inArray(refunds.status, ["pending", "submitted", "failed"])))
    .limit(1);
  return Boolean(unsettled);
}

/** Staff revoke every order link e-mailed so far (a forwarded e-mail, a shared inbox); later e-mails carry new ones. */
export async function revokeOrderLinks(db: Db, input: { orderId: string; note?: string }, actor: Actor) {
  await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for("update");
    if (!order) throw new DomainError("not_found", "No such order.");
    const now = new Date();
    await tx.update(orders).set({ linksRevokedAt: now, updatedAt: now }).where(eq(orders.id, order.id));
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "order",
      subjectId: order.id,
      orderId: order.id,
      actor,
      type: "order.links_revoked",
      data: { note: input.note?.trim() || null },
    });
  });
}
