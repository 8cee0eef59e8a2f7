import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, ne, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import {
  events,
  lineItems,
  orders,
  paymentTransactions,
  refundLines,
  refunds,
  requestItems,
  requestNotes,
  requestPhotos,
  requests,
  ruleSets,
  staffUsers,
} from "@/lib/db/schema";
import { QUEUE_COUNT_CAP } from "@/lib/console/counts";
import { decodeCursor, encodeCursor } from "@/lib/console/cursor";
import { QUEUE_VIEWS, type QueueFilters } from "@/lib/console/queue-filters";

export const QUEUE_PAGE_SIZE = 50;

// Requests an automatic path (rules, SLA scan, arrival, withdrawal) wanted to refund but an
// automation gate held back; rows decided before gates were recorded match by their wording.
const HELD_FROM_AUTOMATION = sql`(${requests.decision}->>'gate' is not null or ${requests.decision}->>'explanation' like 'Automatic refunds are%')`;

/** The filters, split by table: the count joins orders only when a filter needs them. */
function queueConditions(f: QueueFilters, now: Date): { onRequest: SQL[]; onOrder: SQL[] } {
  const onRequest: SQL[] = [];
  const onOrder: SQL[] = [];
  const statuses = QUEUE_VIEWS[f.view].statuses;
  if (statuses) onRequest.push(inArray(requests.status, [...statuses]));
  if (f.type) onRequest.push(eq(requests.type, f.type));
  if (f.reason) onRequest.push(eq(requests.reasonCode, f.reason));
  if (f.minAgeDays !== undefined) {
    onRequest.push(lte(requests.createdAt, new Date(now.getTime() - f.minAgeDays * 86_400_000)));
  }
  if (f.minAmount !== undefined) onRequest.push(gte(requests.previewAmount, f.minAmount));
  if (f.maxAmount !== undefined) onRequest.push(lte(requests.previewAmount, f.maxAmount));
  if (f.held) onRequest.push(HELD_FROM_AUTOMATION);
  if (f.risk === "elevated") onOrder.push(inArray(orders.riskLevel, ["medium", "high"]));
  if (f.risk === "high") onOrder.push(eq(orders.riskLevel, "high"));
  if (f.q) onOrder.push(searchCondition(f.q));
  return { onRequest, onOrder };
}

const FULL_EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** An order number ("#1012", "1012") or an e-mail (whole, or its beginning). */
function searchCondition(raw: string): SQL {
  const q = raw.trim().toLowerCase();
  if (FULL_EMAIL.test(q)) return eq(orders.email, q);
  const number = q.replace(/^#/, "");
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`(${orders.number} = ${number} or ${orders.email} like ${`${escaped}%`})`;
}

const SORTS = {
  oldest: { column: requests.createdAt, dir: "asc", text: true },
  newest: { column: requests.createdAt, dir: "desc", text: true },
  amount_desc: { column: requests.previewAmount, dir: "desc", text: false },
  amount_asc: { column: requests.previewAmount, dir: "asc", text: false },
} as const;

/**
 * One page of the review queue and how many requests match, counted up to QUEUE_COUNT_CAP + 1
 * ("10,000+"). Keyset pagination on (sort value, id): each page costs the same however deep
 * it is, and the (status, created_at) index serves the default view.
 */
export async function listRequestQueue(
  db: DbOrTx,
  filters: QueueFilters,
  options: { limit?: number; now?: Date } = {},
) {
  const limit = options.limit ?? QUEUE_PAGE_SIZE;
  const sort = SORTS[filters.sort];
  const { onRequest, onOrder } = queueConditions(filters, options.now ?? new Date());
  const cursor = decodeCursor(filters.cursor);
  const keyset = cursor
    ? sort.text
      ? sql`(${sort.column}, ${requests.id}) ${sql.raw(sort.dir === "asc" ? ">" : "<")} (${String(cursor.v)}::timestamptz, ${cursor.id}::uuid)`
      : sql`(${sort.column}, ${requests.id}) ${sql.raw(sort.dir === "asc" ? ">" : "<")} (${Number(cursor.v)}, ${cursor.id}::uuid)`
    : undefined;
  const order =
    sort.dir === "asc" ? [asc(sort.column), asc(requests.id)] : [desc(sort.column), desc(requests.id)];

  const rows = await db
    .select({
      id: requests.id,
      type: requests.type,
      status: requests.status,
      reasonCode: requests.reasonCode,
      comment: requests.comment,
      amount: requests.previewAmount,
      currency: requests.currency,
      createdAt: requests.createdAt,
      explanation: sql<string | null>`${requests.decision}->>'explanation'`,
      held: sql<boolean>`coalesce(${HELD_FROM_AUTOMATION}, false)`,
      refundDueBy: sql<string | null>`${requests.decision}->>'refundDueBy'`,
      orderId: orders.id,
      orderNumber: orders.number,
      email: orders.email,
      riskLevel: orders.riskLevel,
      items: sql<number>`(select coalesce(sum(${requestItems.quantity}), 0)::int from ${requestItems} where ${requestItems.requestId} = ${requests.id})`,
      // The exact sort value (microseconds intact) so the next page starts right after this row.
      sortValue: sql<string>`${sort.column}::text`,
    })
    .from(requests)
    .innerJoin(orders, eq(orders.id, requests.orderId))
    .where(and(...onRequest, ...onOrder, keyset))
    .orderBy(...order)
    .limit(limit + 1);
  // A first page that is the only page is its own count.
  const total = !cursor && rows.length <= limit ? rows.length : await countQueue(db, onRequest, onOrder);

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ v: sort.text ? last.sortValue : Number(last.sortValue), id: last.id })
      : null;
  return {
    rows: page.map(({ sortValue: _s, ...r }) => r),
    nextCursor,
    total,
  };
}

/** Matches up to QUEUE_COUNT_CAP + 1; orders are joined only for a filter on them (every request has its order). */
async function countQueue(db: DbOrTx, onRequest: SQL[], onOrder: SQL[]): Promise<number> {
  const fromRequests = db
    .select({ one: sql`1` })
    .from(requests)
    .$dynamic();
  const matches = onOrder.length
    ? fromRequests.innerJoin(orders, eq(orders.id, requests.orderId))
    : fromRequests;
  const capped = matches
    .where(and(...onRequest, ...onOrder))
    .limit(QUEUE_COUNT_CAP + 1)
    .as("capped");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return Number(row?.n ?? 0);
}

export type QueueRow = Awaited<ReturnType<typeof listRequestQueue>>["rows"][number];

/** Everything the request detail page shows, or null when there is no such request. */
export async function getRequestForStaff(db: DbOrTx, requestId: string) {
  const [request] = await db.select().from(requests).where(eq(requests.id, requestId)).limit(1);
  if (!request) return null;
  const [order] = await db.select().from(orders).where(eq(orders.id, request.orderId)).limit(1);
  if (!order) return null;
  const [lines, items, photos, notes, refundRows, timeline, payment, rule] = await Promise.all([
    db.select().from(lineItems).where(eq(lineItems.orderId, order.id)).orderBy(asc(lineItems.position)),
    db.select().from(requestItems).where(eq(requestItems.requestId, request.id)),
    db
      .select({ id: requestPhotos.id, mimeType: requestPhotos.mimeType, size: requestPhotos.size })
      .from(requestPhotos)
      .where(eq(requestPhotos.requestId, request.id))
      .orderBy(asc(requestPhotos.createdAt)),
    db
      .select({
        id: requestNotes.id,
        body: requestNotes.body,
        createdAt: requestNotes.createdAt,
        author: sql<string | null>`coalesce(${staffUsers.name}, ${staffUsers.email})`,
      })
      .from(requestNotes)
      .leftJoin(staffUsers, eq(staffUsers.id, requestNotes.staffUserId))
      .where(eq(requestNotes.requestId, request.id))
      .orderBy(asc(requestNotes.createdAt)),
    db.select().from(refunds).where(eq(refunds.requestId, request.id)).orderBy(asc(refunds.createdAt)),
    db
      .select()
      .from(events)
      .where(and(eq(events.subjectType, "request"), eq(events.subjectId, request.id)))
      .orderBy(asc(events.id)),
    db
      .select({ method: paymentTransactions.paymentMethod, gateway: paymentTransactions.gateway })
      .from(paymentTransactions)
      .where(
        and(
          eq(paymentTransactions.orderId, order.id),
          inArray(paymentTransactions.kind, ["sale", "capture", "authorization"]),
        ),
      )
      .limit(1),
    decisionRule(db, order.storeId, request.decision),
  ]);
  return {
    request,
    order,
    lines,
    items,
    photos,
    notes,
    refunds: refundRows,
    timeline,
    payment: payment[0] ?? null,
    rule,
    history: await getCustomerHistory(db, order.storeId, order.email, order.id),
  };
}

export type StaffRequest = NonNullable<Awaited<ReturnType<typeof getRequestForStaff>>>;

/** The rule a decision cites, looked up in the rule-set version it was made under. */
async function decisionRule(
  db: DbOrTx,
  storeId: string,
  decision: (typeof requests.$inferSelect)["decision"],
) {
  if (!decision?.ruleId) return null;
  const versions = decision.ruleVersion
    ? await db
        .select({ version: ruleSets.version, rules: ruleSets.rules })
        .from(ruleSets)
        .where(and(eq(ruleSets.storeId, storeId), eq(ruleSets.version, decision.ruleVersion)))
        .limit(1)
    : [];
  const rules = (versions[0]?.rules ?? []) as { id?: string; name?: string }[];
  const found = rules.find((r) => r.id === decision.ruleId);
  return { id: decision.ruleId, version: decision.ruleVersion ?? null, name: found?.name ?? null };
}

/** The customer's other orders with their requests and refunds (by e-mail, case-insensitive). */
export async function getCustomerHistory(db: DbOrTx, storeId: string, email: string, exceptOrderId: string) {
  const orderRows = await db
    .select({
      id: orders.id,
      number: orders.number,
      placedAt: orders.placedAt,
      total: orders.total,
      currency: orders.currency,
      status: orders.status,
      financialStatus: orders.financialStatus,
    })
    .from(orders)
    .where(
      and(eq(orders.storeId, storeId), eq(orders.email, email.toLowerCase()), ne(orders.id, exceptOrderId)),
    )
    .orderBy(desc(orders.placedAt))
    .limit(50);
  const ids = orderRows.map((o) => o.id);
  const [requestRows, refundRows] = ids.length
    ? await Promise.all([
        db
          .select({
            id: requests.id,
            orderId: requests.orderId,
            type: requests.type,
            status: requests.status,
            reasonCode: requests.reasonCode,
            createdAt: requests.createdAt,
          })
          .from(requests)
          .where(inArray(requests.orderId, ids))
          .orderBy(desc(requests.createdAt)),
        db
          .select({ orderId: refunds.orderId, amount: refunds.amount, status: refunds.status })
          .from(refunds)
          .where(inArray(refunds.orderId, ids)),
      ])
    : [[], []];
  const refunded = refundRows.filter((r) => r.status === "succeeded").reduce((n, r) => n + r.amount, 0);
  return {
    orders: orderRows.map((o) => ({
      ...o,
      requests: requestRows.filter((r) => r.orderId === o.id),
      refunded: refundRows
        .filter((r) => r.orderId === o.id && r.status !== "canceled" && r.status !== "failed")
        .reduce((n, r) => n + r.amount, 0),
    })),
    requestCount: requestRows.length,
    refundCount: refundRows.filter((r) => r.status !== "canceled").length,
    refundedTotal: refunded,
  };
}

/** Refund lines of a request's refunds, for showing what was paid per item. */
export async function refundLinesFor(db: DbOrTx, refundIds: string[]) {
  if (refundIds.length === 0) return [];
  return db.select().from(refundLines).where(inArray(refundLines.refundId, refundIds));
}
