import "server-only";
// Reads for the withdrawal pages: the entry point (footer, lookup, order page), the receipt and
// the console list. The entry point shows only while the function is on (and, per order, only
// during that order's withdrawal period).
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { cache } from "react";
import type { DbOrTx } from "@/lib/db";
import { notifications, refunds, requests, stores, withdrawals } from "@/lib/db/schema";
import type { OrderSnapshot } from "@/lib/requests/eligibility";
import { getWithdrawalEligibility, type WithdrawalSettings } from "./eligibility";
import { withdrawalLabel } from "./labels";

export type WithdrawalEntryPoint = { label: string; href: string; periodEndsAt: string | null; days: number };

async function firstStore(db: DbOrTx) {
  const [store] = await db.select().from(stores).orderBy(stores.createdAt).limit(1);
  return store ?? null;
}

// Once per render: the shop's footer and the lookup page both show the entry point.
const firstStoreOfRender = cache(firstStore);

/** The store-wide entry point (footer, lookup page), or null when the store turned it off. */
export async function getWithdrawalEntryPoint(
  db: DbOrTx,
  locale: string,
): Promise<WithdrawalEntryPoint | null> {
  const store = await firstStoreOfRender(db);
  if (!store?.withdrawalEnabled) return null;
  return {
    label: withdrawalLabel(store.withdrawalLabels, locale),
    href: "/withdraw",
    periodEndsAt: null,
    days: store.withdrawalDays,
  };
}

/** The entry point on one order's page, while that order can still be withdrawn from. */
export function getOrderWithdrawalEntryPoint(
  view: {
    order: { number: string };
    store: WithdrawalSettings & { withdrawalLabels: Record<string, string> | null };
    snapshot: OrderSnapshot;
  },
  locale: string,
  now = new Date(),
): WithdrawalEntryPoint | null {
  const eligibility = getWithdrawalEligibility(view.snapshot, view.store, now);
  if (!eligibility.available) return null;
  return {
    label: withdrawalLabel(view.store.withdrawalLabels, locale),
    href: `/withdraw?order=${encodeURIComponent(view.order.number)}`,
    periodEndsAt: eligibility.periodEndsAt?.toISOString() ?? null,
    days: view.store.withdrawalDays,
  };
}

export async function getWithdrawalSettings(db: DbOrTx) {
  const store = await firstStore(db);
  if (!store) throw new Error("No store is configured: the database has not been seeded.");
  return {
    storeName: store.name,
    timeZone: store.timeZone,
    withdrawalEnabled: store.withdrawalEnabled,
    withdrawalDays: store.withdrawalDays,
    withdrawalLabels: store.withdrawalLabels,
    storeCreditEnabled: store.storeCreditEnabled,
  };
}

export async function getWithdrawalById(db: DbOrTx, withdrawalId: string) {
  const [row] = await db
    .select({ withdrawal: withdrawals, storeName: stores.name })
    .from(withdrawals)
    .innerJoin(stores, eq(stores.id, withdrawals.storeId))
    .where(eq(withdrawals.id, withdrawalId));
  return row ?? null;
}

export type WithdrawalListRow = Awaited<ReturnType<typeof listWithdrawals>>["rows"][number];

/** Newest first, with the acknowledgement's delivery and what became of the requests and refunds. */
export async function listWithdrawals(db: DbOrTx, options: { before?: Date; limit?: number } = {}) {
  const limit = options.limit ?? 50;
  const rows = await db
    .select()
    .from(withdrawals)
    .where(options.before ? lt(withdrawals.submittedAt, options.before) : undefined)
    .orderBy(desc(withdrawals.submittedAt), desc(withdrawals.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const ackIds = page.map((w) => w.acknowledgementId).filter((id): id is string => !!id);
  const requestIds = page
    .flatMap((w) => [w.cancellationRequestId, w.returnRequestId])
    .filter((id): id is string => !!id);
  const [acks, reqs, refs] = await Promise.all([
    ackIds.length
      ? db
          .select({
            id: notifications.id,
            status: notifications.status,
            sentAt: notifications.sentAt,
            transport: notifications.transport,
          })
          .from(notifications)
          .where(inArray(notifications.id, ackIds))
      : [],
    requestIds.length
      ? db
          .select({ id: requests.id, status: requests.status, type: requests.type })
          .from(requests)
          .where(inArray(requests.id, requestIds))
      : [],
    requestIds.length
      ? db
          .select({
            requestId: refunds.requestId,
            status: refunds.status,
            amount: refunds.amount,
            currency: refunds.currency,
          })
          .from(refunds)
          .where(and(inArray(refunds.requestId, requestIds)))
      : [],
  ]);
  const outcome = (requestId: string | null) => {
    if (!requestId) return null;
    const request = reqs.find((r) => r.id === requestId);
    const refund = refs.find((r) => r.requestId === requestId);
    return request ? { status: request.status, refund: refund ?? null } : null;
  };
  return {
    rows: page.map((w) => ({
      ...w,
      acknowledgement: acks.find((a) => a.id === w.acknowledgementId) ?? null,
      cancellation: outcome(w.cancellationRequestId),
      return: outcome(w.returnRequestId),
    })),
    nextBefore: rows.length > limit ? page.at(-1)!.submittedAt : null,
  };
}
