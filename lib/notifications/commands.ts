// The notification outbox. `queueNotification` renders an e-mail and stores it with its delivery
// job in the caller's transaction, so a shopper is told about a change if and only if it
// committed. `deliverNotification` (the job) hands it to SMTP or leaves it in the local outbox.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/lib/db";
import { readOnce, writeOrBatch } from "@/lib/db/batched";
import { lineItems, notifications, orders, requestItems, stores } from "@/lib/db/schema";
import { createOrderLinkToken, orderLinkPath } from "@/lib/access/order-link";
import { env } from "@/lib/env";
import { DomainError, zodFieldErrors } from "@/lib/errors";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";
import { enqueue } from "@/lib/jobs/enqueue";
import type { JobContext } from "@/lib/jobs/registry";
import { getMailer } from "./mailer";
import { type NotificationTemplate, type TemplateParamsInput, templateParamsSchemas } from "./schemas";
import { ORDERLESS_TEMPLATES, renderNotification } from "./templates";

export type QueueNotificationInput<T extends NotificationTemplate = NotificationTemplate> = {
  /** Required for every template but sign_in_link and automation_paused. */
  orderId?: string | null;
  to: string;
  /** Falls back to the order's locale, then English. */
  locale?: string | null;
  template: T;
  params: TemplateParamsInput[T];
  /** What the e-mail shows of the order, when the caller has it in hand (else read by orderId). */
  order?: NotifiedOrder;
};

type NotifiedOrder = Awaited<ReturnType<typeof readOrder>>;

const emailSchema = z.string().trim().toLowerCase().email();

/** Renders the e-mail, stores it and enqueues its delivery, all on `tx`. */
export async function queueNotification<T extends NotificationTemplate>(
  tx: DbOrTx,
  input: QueueNotificationInput<T>,
): Promise<{ notificationId: string }>;
/** Params checked at run time only, for callers that pick the template dynamically. */
export async function queueNotification(
  tx: DbOrTx,
  input: Omit<QueueNotificationInput, "params"> & { params: Record<string, unknown> },
): Promise<{ notificationId: string }>;
export async function queueNotification(
  tx: DbOrTx,
  input: Omit<QueueNotificationInput, "params"> & { params: unknown },
): Promise<{ notificationId: string }> {
  const to = emailSchema.safeParse(input.to);
  if (!to.success) {
    throw new DomainError("invalid_input", "The recipient is not an e-mail address.", {
      to: ["Invalid e-mail"],
    });
  }
  const parsed = templateParamsSchemas[input.template].safeParse(input.params);
  if (!parsed.success) {
    // A caller's bug, not a shopper's: name the template and the bad keys.
    throw new DomainError(
      "invalid_input",
      `Bad params for e-mail template ${input.template}.`,
      zodFieldErrors(parsed.error.issues),
    );
  }
  const known = input.order?.id === input.orderId ? input.order : undefined;
  const order = input.orderId ? await loadOrder(tx, input.orderId, known) : null;
  if (!order && !ORDERLESS_TEMPLATES.includes(input.template)) {
    throw new Error(`e-mail template ${input.template} needs an orderId`);
  }
  const params = await withReturnItems(tx, input.template, parsed.data);
  const locale = pickLocale(input.locale, order?.locale);
  const rendered = renderNotification(input.template, params as never, {
    locale,
    storeName: order?.storeName ?? (await defaultStoreName(tx)),
    baseUrl: appBaseUrl(),
    order: order
      ? { number: order.number, currency: order.currency, link: orderLinkUrl(order.id) }
      : undefined,
  });
  const row = {
    id: crypto.randomUUID(),
    orderId: order?.id ?? null,
    to: to.data,
    locale,
    template: input.template,
    ...rendered,
  };
  await writeOrBatch(tx, "notifications", [row], (rows) => insertNotifications(tx, rows));
  return { notificationId: row.id };
}

/**
 * Stores the e-mails and enqueues one delivery job each. Without an SMTP server the stored row is
 * the delivery (the local outbox staff read), so it is stored as sent and no job is queued.
 */
async function insertNotifications(tx: DbOrTx, rows: (typeof notifications.$inferInsert & { id: string })[]) {
  if (rows.length === 0) return;
  if (getMailer().transport === "outbox") {
    const sent = { status: "sent" as const, transport: "outbox" as const, attempts: 1, sentAt: new Date() };
    await tx.insert(notifications).values(rows.map((row) => ({ ...row, ...sent })));
    return;
  }
  await tx.insert(notifications).values(rows);
  for (const row of rows) await enqueue(tx, "notification.deliver", { notificationId: row.id });
}

/** Sends one stored e-mail. Throws on failure so the queue retries; the last failure marks it failed. */
export async function deliverNotification(db: Db, notificationId: string, job: JobContext): Promise<void> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, notificationId));
  if (!row || row.status === "sent") return;
  const mailer = getMailer();
  try {
    // The message id is stable, so a repeat after a crash between send and update can be deduplicated.
    if (mailer.transport === "smtp") {
      await mailer.send({
        messageId: `<${row.id}@aftercare>`,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
      });
    }
  } catch (error) {
    await db
      .update(notifications)
      .set({
        attempts: row.attempts + 1,
        lastError: (error as Error).message?.slice(0, 1000) ?? String(error),
        status: job.isLastAttempt ? "failed" : "pending",
      })
      .where(eq(notifications.id, row.id));
    throw error;
  }
  await db
    .update(notifications)
    .set({
      status: "sent",
      transport: mailer.transport,
      attempts: row.attempts + 1,
      sentAt: new Date(),
      lastError: null,
    })
    .where(eq(notifications.id, row.id));
}

/** Return instructions list the request's items when the caller only names the request. */
async function withReturnItems(tx: DbOrTx, template: NotificationTemplate, params: unknown) {
  const p = params as { requestId?: string; items?: unknown[] };
  if (template !== "return_instructions" || p.items || !p.requestId) return params;
  const items = await tx
    .select({ title: lineItems.title, variantTitle: lineItems.variantTitle, quantity: requestItems.quantity })
    .from(requestItems)
    .innerJoin(lineItems, eq(lineItems.id, requestItems.lineItemId))
    .where(eq(requestItems.requestId, p.requestId))
    .orderBy(lineItems.position);
  return {
    ...p,
    items: items.map((i) => ({
      title: i.variantTitle ? `${i.title} (${i.variantTitle})` : i.title,
      quantity: i.quantity,
    })),
  };
}

/**
 * What an e-mail shows of its order (fixed once placed): read once per batched transaction, or not
 * at all when a caller handed it in (and then remembered for the transaction's other e-mails).
 */
function loadOrder(tx: DbOrTx, orderId: string, known?: NotifiedOrder) {
  return readOnce(tx, `notifications.order:${orderId}`, () =>
    known ? Promise.resolve(known) : readOrder(tx, orderId),
  );
}

async function readOrder(tx: DbOrTx, orderId: string) {
  const [order] = await tx
    .select({
      id: orders.id,
      number: orders.number,
      currency: orders.currency,
      locale: orders.locale,
      storeName: stores.name,
    })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(eq(orders.id, orderId));
  if (!order) throw new DomainError("not_found", `No order ${orderId} to notify about.`);
  return order;
}

// One store per installation today (DESIGN.md §6); its name signs mail that is about no order.
async function defaultStoreName(tx: DbOrTx): Promise<string> {
  const [store] = await tx.select({ name: stores.name }).from(stores).orderBy(stores.createdAt).limit(1);
  return store?.name ?? "Aftercare";
}

function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  return candidates.find(isLocale) ?? DEFAULT_LOCALE;
}

/** The signed link that opens the order's page from any e-mail about it (lib/access/order-link.ts). */
function orderLinkUrl(orderId: string): string {
  return `${appBaseUrl()}${orderLinkPath(createOrderLinkToken(orderId, env().authSecret))}`;
}

/** The public origin links in e-mails point to. */
export function appBaseUrl(): string {
  const e = env();
  return (e.AUTH_URL ?? e.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}
