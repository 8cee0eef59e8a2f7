// The whole Aftercare domain in one PostgreSQL schema (DESIGN.md §2).
// Invariants that SQL can state live here as CHECKs and unique indexes (DESIGN.md §4);
// the rest are guarded by the commands of each slice.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const id = () => uuid("id").primaryKey().defaultRandom();
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });
/** Money is an integer in minor units; the currency sits beside it. */
const money = (name: string) => integer(name).notNull().default(0);

function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

export const FINANCIAL_STATUSES = [
  "pending",
  "authorized",
  "paid",
  "partially_refunded",
  "refunded",
  "voided",
] as const;
export const FULFILLMENT_STATUSES = ["unfulfilled", "partial", "fulfilled", "delivered"] as const;
export const ORDER_STATUSES = ["open", "cancelled", "closed"] as const;
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export const REQUEST_TYPES = ["cancellation", "return"] as const;
export const REQUEST_STATUSES = [
  "submitted",
  "auto_approved",
  "pending_review",
  "approved",
  "declined",
  "awaiting_item",
  "item_received",
  "refunding",
  "completed",
  "withdrawn",
] as const;
/** A request in one of these states can still change; others are final. */
export const OPEN_REQUEST_STATUSES = [
  "submitted",
  "auto_approved",
  "pending_review",
  "approved",
  "awaiting_item",
  "item_received",
  "refunding",
] as const;
export const REFUND_STATUSES = ["pending", "submitted", "succeeded", "failed", "canceled"] as const;
export const TRANSACTION_KINDS = ["authorization", "capture", "sale", "void", "refund"] as const;
export const PAYMENT_METHOD_TYPES = ["card", "wallet", "bank_transfer"] as const;
export const FULFILLMENT_STATES = ["pending", "in_transit", "delivered", "cancelled"] as const;
export const ACTOR_TYPES = ["shopper", "staff", "rule", "system", "gateway", "api"] as const;
export const SUBJECT_TYPES = ["order", "request", "refund", "store", "staff"] as const;
export const STAFF_ROLES = ["owner", "agent", "viewer"] as const;
export const NOTIFICATION_STATUSES = ["pending", "sent", "failed"] as const;

export type ArrivalWindows = Record<(typeof PAYMENT_METHOD_TYPES)[number], [number, number]>;
/** Where shoppers send returned items (one postal address; return labels are a later feature). */
export type ReturnAddress = {
  /** Who receives the parcel, e.g. "Nordlys Supply Returns". */
  name: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. "NO". */
  country: string;
};
export type CircuitBreaker = { windowMinutes: number; maxCount: number; maxAmount: number };
export type RefundMismatch = {
  /** e.g. succeeded_here_pending_there, missing_there, amount_differs. */
  code: string;
  ours: string;
  theirs: string;
  detectedAt: string;
  detail?: string;
};
export type PaymentMethod = {
  type: (typeof PAYMENT_METHOD_TYPES)[number];
  brand?: string;
  last4?: string;
  wallet?: string;
  bank?: string;
};

export const stores = pgTable(
  "stores",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    currency: text("currency").notNull(),
    timeZone: text("time_zone").notNull(),
    holidays: jsonb("holidays").$type<string[]>().notNull().default([]),
    returnWindowDays: integer("return_window_days").notNull().default(30),
    shipBySlaDays: integer("ship_by_sla_days").notNull().default(3),
    maxRefundPerOrder: integer("max_refund_per_order").notNull(),
    autoRefundEnabled: boolean("auto_refund_enabled").notNull().default(true),
    automationPausedAt: ts("automation_paused_at"),
    automationPausedReason: text("automation_paused_reason"),
    circuitBreaker: jsonb("circuit_breaker")
      .$type<CircuitBreaker>()
      .notNull()
      .default({ windowMinutes: 60, maxCount: 50, maxAmount: 10_000_000 }),
    arrivalWindows: jsonb("arrival_windows")
      .$type<ArrivalWindows>()
      .notNull()
      .default({ card: [5, 10], wallet: [1, 3], bank_transfer: [3, 5] }),
    testMode: boolean("test_mode").notNull().default(true),
    locales: jsonb("locales").$type<string[]>().notNull().default(["en", "nb", "zh"]),
    defaultLocale: text("default_locale").notNull().default("en"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** EU CRD Art. 11a withdrawal function; off for stores that sell outside the EU/EEA. */
    withdrawalEnabled: boolean("withdrawal_enabled").notNull().default(true),
    /** Withdrawal period in days from delivery of the last item (before delivery it is always open). */
    withdrawalDays: integer("withdrawal_days").notNull().default(14),
    /** The entry point's wording per locale; a missing locale uses the default wording. */
    withdrawalLabels: jsonb("withdrawal_labels").$type<Record<string, string>>().notNull().default({}),
    /** Whether a shopper whose refund failed may take store credit instead. */
    storeCreditEnabled: boolean("store_credit_enabled").notNull().default(false),
    /** Where approved returns are sent; null until the owner sets it. */
    returnAddress: jsonb("return_address").$type<ReturnAddress>(),
  },
  (t) => [
    check("stores_withdrawal_days_nonneg", sql`${t.withdrawalDays} >= 0`),
    check("stores_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("stores_return_window_nonneg", sql`${t.returnWindowDays} >= 0`),
    check("stores_ship_by_positive", sql`${t.shipBySlaDays} > 0`),
    check("stores_max_refund_nonneg", sql`${t.maxRefundPerOrder} >= 0`),
  ],
);

export const customers = pgTable(
  "customers",
  {
    id: id(),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    email: text("email").notNull(),
    name: text("name"),
    locale: text("locale"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("customers_store_email_uq").on(t.storeId, t.email),
    check("customers_email_lower", sql`${t.email} = lower(${t.email})`),
  ],
);

export const products = pgTable("products", {
  id: id(),
  storeId: text("store_id")
    .notNull()
    .references(() => stores.id),
  title: text("title").notNull(),
  tags: jsonb("tags").$type<string[]>().notNull().default([]),
  finalSale: boolean("final_sale").notNull().default(false),
  restockable: boolean("restockable").notNull().default(true),
  createdAt: createdAt(),
});

export const variants = pgTable(
  "variants",
  {
    id: id(),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    sku: text("sku").notNull(),
    title: text("title").notNull(),
    price: money("price"),
    currency: text("currency").notNull(),
    inventory: integer("inventory").notNull().default(0),
  },
  (t) => [
    uniqueIndex("variants_store_sku_uq").on(t.storeId, t.sku),
    check("variants_price_nonneg", sql`${t.price} >= 0`),
  ],
);

export const orders = pgTable(
  "orders",
  {
    id: id(),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    externalId: text("external_id"),
    /** Public number without the leading '#', e.g. "1001". */
    number: text("number").notNull(),
    customerId: uuid("customer_id").references(() => customers.id),
    email: text("email").notNull(),
    locale: text("locale"),
    currency: text("currency").notNull(),
    subtotal: money("subtotal"),
    discountTotal: money("discount_total"),
    shippingTotal: money("shipping_total"),
    shippingTaxTotal: money("shipping_tax_total"),
    taxTotal: money("tax_total"),
    total: money("total"),
    /** Captured so far and refunded so far; kept on the order so one row lock guards the sum. */
    capturedAmount: money("captured_amount"),
    refundedAmount: money("refunded_amount"),
    shippingRefunded: money("shipping_refunded"),
    financialStatus: text("financial_status", { enum: FINANCIAL_STATUSES }).notNull().default("pending"),
    fulfillmentStatus: text("fulfillment_status", { enum: FULFILLMENT_STATUSES })
      .notNull()
      .default("unfulfilled"),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("open"),
    riskLevel: text("risk_level", { enum: RISK_LEVELS }).notNull().default("low"),
    riskReasons: jsonb("risk_reasons").$type<string[]>().notNull().default([]),
    cancelReason: text("cancel_reason"),
    cancelledAt: ts("cancelled_at"),
    placedAt: ts("placed_at").notNull(),
    paidAt: ts("paid_at"),
    closedAt: ts("closed_at"),
    /** Order links in e-mails issued at or before this instant no longer open the order. */
    linksRevokedAt: ts("links_revoked_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_store_number_uq").on(t.storeId, t.number),
    uniqueIndex("orders_store_external_uq")
      .on(t.storeId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    index("orders_store_email_placed_idx").on(t.storeId, t.email, t.placedAt),
    index("orders_store_placed_idx").on(t.storeId, t.placedAt),
    // Console: the risk queue and its count in the navigation (a few % of a large store).
    index("orders_risky_open_idx")
      .on(t.placedAt)
      .where(sql`${t.riskLevel} <> 'low' and ${t.status} = 'open'`),
    // Console search: an e-mail, whole or its beginning (LIKE 'prefix%'), and a bare order number.
    index("orders_email_pattern_idx").on(t.email.op("text_pattern_ops")),
    index("orders_number_idx").on(t.number),
    check("orders_email_lower", sql`${t.email} = lower(${t.email})`),
    check("orders_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check(
      "orders_amounts_nonneg",
      sql`${t.subtotal} >= 0 and ${t.discountTotal} >= 0 and ${t.shippingTotal} >= 0 and ${t.shippingTaxTotal} >= 0 and ${t.taxTotal} >= 0 and ${t.total} >= 0 and ${t.capturedAmount} >= 0 and ${t.refundedAmount} >= 0 and ${t.shippingRefunded} >= 0`,
    ),
    check("orders_refund_within_capture", sql`${t.refundedAmount} <= ${t.capturedAmount}`),
    check(
      "orders_shipping_refund_within_shipping",
      sql`${t.shippingRefunded} <= ${t.shippingTotal} + ${t.shippingTaxTotal}`,
    ),
    check("orders_financial_status", oneOf("financial_status", FINANCIAL_STATUSES)),
    check("orders_fulfillment_status", oneOf("fulfillment_status", FULFILLMENT_STATUSES)),
    check("orders_status", oneOf("status", ORDER_STATUSES)),
    check("orders_risk_level", oneOf("risk_level", RISK_LEVELS)),
  ],
);

export const lineItems = pgTable(
  "line_items",
  {
    id: id(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    variantId: uuid("variant_id").references(() => variants.id),
    sku: text("sku").notNull(),
    title: text("title").notNull(),
    variantTitle: text("variant_title"),
    quantity: integer("quantity").notNull(),
    unitPrice: money("unit_price"),
    /** Discount and tax allocated to the whole line (all units), in minor units. */
    discountAllocation: money("discount_allocation"),
    taxAllocation: money("tax_allocation"),
    finalSale: boolean("final_sale").notNull().default(false),
    restockable: boolean("restockable").notNull().default(true),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    quantityCancelled: integer("quantity_cancelled").notNull().default(0),
    quantityFulfilled: integer("quantity_fulfilled").notNull().default(0),
    quantityReturned: integer("quantity_returned").notNull().default(0),
    quantityRefunded: integer("quantity_refunded").notNull().default(0),
    quantityRestocked: integer("quantity_restocked").notNull().default(0),
  },
  (t) => [
    index("line_items_order_idx").on(t.orderId),
    check("line_items_quantity_positive", sql`${t.quantity} > 0`),
    check(
      "line_items_amounts_nonneg",
      sql`${t.unitPrice} >= 0 and ${t.discountAllocation} >= 0 and ${t.taxAllocation} >= 0`,
    ),
    check("line_items_discount_within_price", sql`${t.discountAllocation} <= ${t.unitPrice} * ${t.quantity}`),
    check(
      "line_items_quantities_nonneg",
      sql`${t.quantityCancelled} >= 0 and ${t.quantityFulfilled} >= 0 and ${t.quantityReturned} >= 0 and ${t.quantityRefunded} >= 0 and ${t.quantityRestocked} >= 0`,
    ),
    check(
      "line_items_cancelled_fulfilled_within_quantity",
      sql`${t.quantityCancelled} + ${t.quantityFulfilled} <= ${t.quantity}`,
    ),
    check("line_items_refunded_within_quantity", sql`${t.quantityRefunded} <= ${t.quantity}`),
    check("line_items_returned_within_fulfilled", sql`${t.quantityReturned} <= ${t.quantityFulfilled}`),
    check("line_items_restocked_within_quantity", sql`${t.quantityRestocked} <= ${t.quantity}`),
  ],
);

export const paymentTransactions = pgTable(
  "payment_transactions",
  {
    id: id(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id"),
    gateway: text("gateway").notNull(),
    kind: text("kind", { enum: TRANSACTION_KINDS }).notNull(),
    status: text("status", { enum: ["pending", "success", "failure"] }).notNull(),
    amount: money("amount"),
    currency: text("currency").notNull(),
    gatewayReference: text("gateway_reference"),
    paymentMethod: jsonb("payment_method").$type<PaymentMethod>().notNull(),
    /** Processing fee the gateway kept; not returned on refund (DESIGN.md §1). */
    fee: money("fee"),
    createdAt: createdAt(),
  },
  (t) => [
    index("payment_transactions_order_idx").on(t.orderId),
    check("payment_transactions_amount_nonneg", sql`${t.amount} >= 0 and ${t.fee} >= 0`),
    check("payment_transactions_kind", oneOf("kind", TRANSACTION_KINDS)),
  ],
);

export const fulfillments = pgTable(
  "fulfillments",
  {
    id: id(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    status: text("status", { enum: FULFILLMENT_STATES }).notNull().default("pending"),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    trackingUrl: text("tracking_url"),
    shippedAt: ts("shipped_at"),
    deliveredAt: ts("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("fulfillments_order_idx").on(t.orderId),
    check("fulfillments_status", oneOf("status", FULFILLMENT_STATES)),
  ],
);

export const fulfillmentItems = pgTable(
  "fulfillment_items",
  {
    fulfillmentId: uuid("fulfillment_id")
      .notNull()
      .references(() => fulfillments.id, { onDelete: "cascade" }),
    lineItemId: uuid("line_item_id")
      .notNull()
      .references(() => lineItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fulfillmentId, t.lineItemId] }),
    check("fulfillment_items_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

export type RequestDecision = {
  /** auto_approve/review/decline come from a rule; approve/decline with staffUserId from a person. */
  outcome: "auto_approve" | "review" | "decline" | "approve";
  ruleId?: string;
  ruleVersion?: number;
  staffUserId?: string;
  /** One line for staff. */
  explanation: string;
  /** Shopper-facing message key or text, already translated per locale. */
  shopperMessage?: Record<string, string>;
  /** The automation gate that sent it to a person (lib/rules/gates.ts), when one did. */
  gate?: "risk" | "store_max" | "switched_off" | "paused" | "limit";
  /** A statutory withdrawal's refund is due by law by this instant (ISO); shown while it waits. */
  refundDueBy?: string;
};

export const requests = pgTable(
  "requests",
  {
    id: id(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    type: text("type", { enum: REQUEST_TYPES }).notNull(),
    status: text("status", { enum: REQUEST_STATUSES }).notNull().default("submitted"),
    reasonCode: text("reason_code").notNull(),
    comment: text("comment"),
    resolution: text("resolution", { enum: ["original_payment", "store_credit"] })
      .notNull()
      .default("original_payment"),
    /** Client token from the form: a replayed submit finds the first request. */
    idempotencyKey: text("idempotency_key").notNull(),
    createdByType: text("created_by_type", { enum: ACTOR_TYPES }).notNull().default("shopper"),
    createdById: text("created_by_id"),
    /** Refund the shopper was shown before submitting, in the order's currency. */
    previewAmount: money("preview_amount"),
    currency: text("currency").notNull(),
    includeShipping: boolean("include_shipping").notNull().default(false),
    /** The language the shopper used to submit it: its e-mails go out in it (else the order's). */
    locale: text("locale"),
    decision: jsonb("decision").$type<RequestDecision>(),
    decidedAt: ts("decided_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("requests_idempotency_uq").on(t.idempotencyKey),
    uniqueIndex("requests_one_open_cancellation_uq")
      .on(t.orderId)
      .where(
        sql`${t.type} = 'cancellation' and ${t.status} in ('submitted', 'auto_approved', 'pending_review', 'approved', 'refunding')`,
      ),
    index("requests_order_idx").on(t.orderId),
    index("requests_status_created_idx").on(t.status, t.createdAt),
    // The review queue's keyset pages: oldest/newest and largest/smallest refund first.
    index("requests_created_id_idx").on(t.createdAt, t.id),
    index("requests_amount_id_idx").on(t.previewAmount, t.id),
    // The queue's capped count of a filtered decision view (type, amount, age) reads this index
    // only; without it PostgreSQL counts by scanning the table until it has seen 10 001 matches.
    index("requests_decision_count_idx")
      .on(t.type, t.previewAmount, t.createdAt)
      .where(sql`${t.status} in ('pending_review', 'submitted')`),
    check("requests_type", oneOf("type", REQUEST_TYPES)),
    check("requests_status", oneOf("status", REQUEST_STATUSES)),
    check("requests_preview_nonneg", sql`${t.previewAmount} >= 0`),
  ],
);

export const requestItems = pgTable(
  "request_items",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => requests.id, { onDelete: "cascade" }),
    lineItemId: uuid("line_item_id")
      .notNull()
      .references(() => lineItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    /** Quantity the merchant restocks when the request is completed. */
    restockQuantity: integer("restock_quantity").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.lineItemId] }),
    check("request_items_quantity_positive", sql`${t.quantity} > 0`),
    check(
      "request_items_restock_within_quantity",
      sql`${t.restockQuantity} >= 0 and ${t.restockQuantity} <= ${t.quantity}`,
    ),
  ],
);

export const requestPhotos = pgTable(
  "request_photos",
  {
    id: id(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => requests.id, { onDelete: "cascade" }),
    /** Path relative to the data dir's uploads folder. */
    path: text("path").notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    createdAt: createdAt(),
  },
  // The order page lists each request's photos.
  (t) => [index("request_photos_request_idx").on(t.requestId, t.createdAt)],
);

export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** The order's store, copied so the circuit breaker counts a store's refunds without the orders join. */
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    requestId: uuid("request_id").references(() => requests.id),
    /** A void releases an authorisation that was never captured: no money moves, none is reserved. */
    kind: text("kind", { enum: ["refund", "void"] })
      .notNull()
      .default("refund"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** The language its e-mails go out in: its request's, else null (the order's). */
    locale: text("locale"),
    shippingAmount: money("shipping_amount"),
    restock: boolean("restock").notNull().default(false),
    status: text("status", { enum: REFUND_STATUSES }).notNull().default("pending"),
    gateway: text("gateway").notNull(),
    paymentMethodType: text("payment_method_type", { enum: PAYMENT_METHOD_TYPES }).notNull(),
    /** The captured payment this refund reverses (the gateway's charge / payment intent). */
    paymentReference: text("payment_reference"),
    gatewayRefundId: text("gateway_refund_id"),
    /** One key per money movement; a retry after a timeout reuses it (DESIGN.md §4.2). */
    idempotencyKey: text("idempotency_key").notNull(),
    attempts: integer("attempts").notNull().default(0),
    failureCode: text("failure_code"),
    failureReason: text("failure_reason"),
    note: text("note"),
    offline: boolean("offline").notNull().default(false),
    /** A worker that claimed submission; cleared when the gateway has answered. */
    claimedAt: ts("claimed_at"),
    expectedFrom: date("expected_from"),
    expectedTo: date("expected_to"),
    submittedAt: ts("submitted_at"),
    settledAt: ts("settled_at"),
    createdByType: text("created_by_type", { enum: ACTOR_TYPES }).notNull(),
    createdById: text("created_by_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Acquirer reference number from the gateway; the shopper's bank can trace the refund with it. */
    arn: text("arn"),
    /** The gateway's own last word (pending, requires_action, …) and why it is pending, for the tracker. */
    gatewayStatus: text("gateway_status"),
    pendingReason: text("pending_reason"),
    /** Set while staff must decide (e.g. a dispute on the charge): never submitted or retried meanwhile. */
    heldAt: ts("held_at"),
    holdReason: text("hold_reason"),
    /** What the last reconciliation found at the gateway when it disagreed with this row; null when they agree. */
    mismatch: jsonb("mismatch").$type<RefundMismatch>(),
    reconciledAt: ts("reconciled_at"),
    /** Overdue once still unconfirmed after this (lib/refunds/overdue.ts); set when created and when sent. */
    confirmBy: ts("confirm_by"),
  },
  (t) => [
    index("refunds_held_idx")
      .on(t.heldAt)
      .where(sql`${t.heldAt} is not null`),
    // Every console page counts reconciliation mismatches (the navigation): nearly none, never a scan.
    index("refunds_mismatch_idx")
      .on(t.reconciledAt)
      .where(sql`${t.mismatch} is not null`),
    uniqueIndex("refunds_idempotency_uq").on(t.idempotencyKey),
    uniqueIndex("refunds_one_per_request_uq")
      .on(t.requestId)
      .where(sql`${t.requestId} is not null and ${t.status} <> 'canceled'`),
    uniqueIndex("refunds_gateway_refund_uq")
      .on(t.gateway, t.gatewayRefundId)
      .where(sql`${t.gatewayRefundId} is not null`),
    index("refunds_order_idx").on(t.orderId),
    index("refunds_status_created_idx").on(t.status, t.createdAt),
    // The monitor's overdue count: only refunds still waiting for the gateway.
    index("refunds_confirm_by_idx")
      .on(t.confirmBy)
      .where(sql`${t.status} in ('pending', 'submitted')`),
    // Reconciliation and the API's refund list walk refunds by creation time.
    index("refunds_created_idx").on(t.createdAt),
    check("refunds_amount_positive", sql`${t.amount} > 0`),
    check(
      "refunds_shipping_within_amount",
      sql`${t.shippingAmount} >= 0 and ${t.shippingAmount} <= ${t.amount}`,
    ),
    check("refunds_attempts_nonneg", sql`${t.attempts} >= 0`),
    check("refunds_status", oneOf("status", REFUND_STATUSES)),
  ],
);

export const refundLines = pgTable(
  "refund_lines",
  {
    refundId: uuid("refund_id")
      .notNull()
      .references(() => refunds.id, { onDelete: "cascade" }),
    lineItemId: uuid("line_item_id")
      .notNull()
      .references(() => lineItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    amount: integer("amount").notNull(),
    restockQuantity: integer("restock_quantity").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.refundId, t.lineItemId] }),
    check("refund_lines_quantity_nonneg", sql`${t.quantity} >= 0`),
    check("refund_lines_amount_nonneg", sql`${t.amount} >= 0`),
    check(
      "refund_lines_restock_within_quantity",
      sql`${t.restockQuantity} >= 0 and ${t.restockQuantity} <= ${t.quantity}`,
    ),
  ],
);

/**
 * The circuit breaker's counters: a store's automatic (rule or system) refunds not canceled, by the
 * minute they were created. Kept by the deferred trigger `refunds_breaker_minutes` (migration 0010)
 * at each commit, after the transaction's other writes — so its row lock is always a transaction's
 * last, whatever path created the refund — and read as at most one row per minute of the window.
 */
export const breakerMinutes = pgTable(
  "breaker_minutes",
  {
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    minute: ts("minute").notNull(),
    count: integer("count").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.minute] })],
);

/** A versioned rule set: saving creates a new version, decisions cite the version. */
export const ruleSets = pgTable(
  "rule_sets",
  {
    id: id(),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    version: integer("version").notNull(),
    rules: jsonb("rules").$type<unknown[]>().notNull(),
    live: boolean("live").notNull().default(false),
    note: text("note"),
    createdById: text("created_by_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("rule_sets_store_version_uq").on(t.storeId, t.version),
    uniqueIndex("rule_sets_one_live_uq")
      .on(t.storeId)
      .where(sql`${t.live}`),
  ],
);

/** Timeline and audit log. Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    storeId: text("store_id").notNull(),
    subjectType: text("subject_type", { enum: SUBJECT_TYPES }).notNull(),
    subjectId: text("subject_id").notNull(),
    orderId: uuid("order_id"),
    actorType: text("actor_type", { enum: ACTOR_TYPES }).notNull(),
    actorId: text("actor_id"),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("events_order_idx").on(t.orderId, t.id),
    index("events_subject_idx").on(t.subjectType, t.subjectId, t.id),
    index("events_created_idx").on(t.createdAt),
    check("events_actor_type", oneOf("actor_type", ACTOR_TYPES)),
    check("events_subject_type", oneOf("subject_type", SUBJECT_TYPES)),
  ],
);

export const staffUsers = pgTable(
  "staff_users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name"),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    passwordHash: text("password_hash"),
    disabledAt: ts("disabled_at"),
    lastLoginAt: ts("last_login_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("staff_users_email_uq").on(t.email),
    check("staff_users_email_lower", sql`${t.email} = lower(${t.email})`),
    check("staff_users_role", oneOf("role", STAFF_ROLES)),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    name: text("name").notNull(),
    /** First characters of the key, shown so staff can tell keys apart. */
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    scopes: jsonb("scopes").$type<("read" | "write")[]>().notNull(),
    createdById: text("created_by_id"),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_keys_hash_uq").on(t.hash)],
);

export const apiIdempotency = pgTable(
  "api_idempotency",
  {
    apiKeyId: uuid("api_key_id").notNull(),
    key: text("key").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    bodyHash: text("body_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] })],
);

export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: id(),
  url: text("url").notNull(),
  events: jsonb("events").$type<string[]>().notNull(),
  secret: text("secret").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  /** Attempts that failed in a row, across deliveries; any success resets it. */
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  /** When the current run of failures began. */
  failingSince: ts("failing_since"),
  /** Why it was disabled without an owner: "failing". Its deliveries are still recorded, to send on re-enable. */
  disabledReason: text("disabled_reason", { enum: ["failing"] }),
  createdAt: createdAt(),
});

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    subjectId: text("subject_id").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: NOTIFICATION_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastAttemptAt: ts("last_attempt_at"),
    deliveredAt: ts("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_endpoint_event_uq").on(t.endpointId, t.eventId),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
  ],
);

/** Outbox of e-mails; delivered by a job through SMTP, or kept here for staff to read. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    orderId: uuid("order_id"),
    channel: text("channel", { enum: ["email"] })
      .notNull()
      .default("email"),
    to: text("to").notNull(),
    locale: text("locale").notNull().default("en"),
    template: text("template").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    status: text("status", { enum: NOTIFICATION_STATUSES }).notNull().default("pending"),
    transport: text("transport", { enum: ["smtp", "outbox"] }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: ts("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_created_idx").on(t.createdAt), index("notifications_order_idx").on(t.orderId)],
);

/**
 * Sliding-window counters for rate limits shared by every app instance: this window's count and
 * the previous window's, which weighs less as this window goes on (lib/rate-limit/limiter.ts).
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: ts("window_start").notNull(),
  windowMs: integer("window_ms").notNull().default(3_600_000),
  count: integer("count").notNull(),
  prevCount: integer("prev_count").notNull().default(0),
});

/** Email sign-in tokens for next-auth (hashed by next-auth before storage). */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: ts("expires").notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** Staff-only notes on a request (never shown to the shopper). */
export const requestNotes = pgTable(
  "request_notes",
  {
    id: id(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => requests.id, { onDelete: "cascade" }),
    staffUserId: uuid("staff_user_id").references(() => staffUsers.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("request_notes_request_idx").on(t.requestId, t.createdAt)],
);

/**
 * The sandbox gateway's own ledger. It plays the bank: it lives beside our tables only so that
 * it survives restarts and is shared by every worker, which the exactly-once tests rely on.
 */
export const sandboxRefunds = pgTable(
  "sandbox_refunds",
  {
    id: text("id").primaryKey(),
    idempotencyKey: text("idempotency_key").notNull(),
    paymentReference: text("payment_reference").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default({}),
    status: text("status").notNull(),
    failureCode: text("failure_code"),
    failureReason: text("failure_reason"),
    pendingReason: text("pending_reason"),
    settleAt: ts("settle_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sandbox_refunds_key_uq").on(t.idempotencyKey),
    index("sandbox_refunds_reference_idx").on(t.paymentReference),
  ],
);

export const sandboxCalls = pgTable("sandbox_calls", {
  idempotencyKey: text("idempotency_key").primaryKey(),
  calls: integer("calls").notNull().default(0),
});

/**
 * Inbound gateway webhook events already applied, by the gateway's own event id: a redelivery (or
 * an old event sent again after newer ones) is acknowledged and not applied twice. Kept 30 days.
 */
export const gatewayWebhookEvents = pgTable(
  "gateway_webhook_events",
  {
    gateway: text("gateway").notNull(),
    eventId: text("event_id").notNull(),
    receivedAt: ts("received_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.gateway, t.eventId] }),
    index("gateway_webhook_events_received_idx").on(t.receivedAt),
  ],
);

// ---- shopper rights and money paths (withdrawals, refund fallbacks, store credit, disputes) ----

export const WITHDRAWAL_SCOPES = ["all", "some"] as const;
export type WithdrawalLine = {
  lineItemId: string;
  title: string;
  variantTitle: string | null;
  quantity: number;
  /** Whether the units had shipped when the shopper withdrew (they go back as a return). */
  shipped: boolean;
};

/**
 * A withdrawal from the contract (EU CRD Art. 11a), as the shopper submitted it. Distinct from the
 * cancellation and return requests it leads to: this row is the durable record of the declaration.
 */
export const withdrawals = pgTable(
  "withdrawals",
  {
    id: id(),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    orderNumber: text("order_number").notNull(),
    name: text("name").notNull(),
    /** Where the acknowledgement goes. */
    email: text("email").notNull(),
    reason: text("reason"),
    scope: text("scope", { enum: WITHDRAWAL_SCOPES }).notNull(),
    lines: jsonb("lines").$type<WithdrawalLine[]>().notNull(),
    locale: text("locale").notNull().default("en"),
    /** When the shopper confirmed, to the second. */
    submittedAt: ts("submitted_at").notNull(),
    /** Form token: a replayed confirmation finds this withdrawal. */
    idempotencyKey: text("idempotency_key").notNull(),
    acknowledgementId: uuid("acknowledgement_id"),
    cancellationRequestId: uuid("cancellation_request_id").references(() => requests.id),
    returnRequestId: uuid("return_request_id").references(() => requests.id),
    createdByType: text("created_by_type", { enum: ACTOR_TYPES }).notNull().default("shopper"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("withdrawals_idempotency_uq").on(t.idempotencyKey),
    index("withdrawals_store_submitted_idx").on(t.storeId, t.submittedAt),
    index("withdrawals_order_idx").on(t.orderId),
    check("withdrawals_scope", oneOf("scope", WITHDRAWAL_SCOPES)),
    check("withdrawals_email_lower", sql`${t.email} = lower(${t.email})`),
  ],
);

export const FALLBACK_STATUSES = ["open", "chosen", "settled", "cancelled"] as const;
/** `original`: the refund tried again to the payment it reverses, once the bank replaced the card. */
export const FALLBACK_CHOICES = ["original", "bank_transfer", "store_credit"] as const;

/**
 * The shopper's way out when a refund failed at the bank: one offer per failed attempt, chosen
 * behind a signed link. It remembers the failed attempt so a late success of it is recognised.
 */
export const refundFallbacks = pgTable(
  "refund_fallbacks",
  {
    id: id(),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    refundId: uuid("refund_id")
      .notNull()
      .references(() => refunds.id, { onDelete: "cascade" }),
    status: text("status", { enum: FALLBACK_STATUSES }).notNull().default("open"),
    choice: text("choice", { enum: FALLBACK_CHOICES }),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    failedIdempotencyKey: text("failed_idempotency_key").notNull(),
    failedGatewayRefundId: text("failed_gateway_refund_id"),
    failedPaymentReference: text("failed_payment_reference"),
    failureCode: text("failure_code").notNull(),
    newPaymentReference: text("new_payment_reference"),
    accountHolder: text("account_holder"),
    iban: text("iban"),
    storeCreditId: uuid("store_credit_id"),
    expiresAt: ts("expires_at").notNull(),
    chosenAt: ts("chosen_at"),
    settledAt: ts("settled_at"),
    cancelledAt: ts("cancelled_at"),
    cancelReason: text("cancel_reason"),
    /** The failed attempt turned out to have succeeded at the gateway. */
    lateSuccessAt: ts("late_success_at"),
    /** Money may have moved twice (the fallback paid and the original succeeded): staff must look. */
    flaggedAt: ts("flagged_at"),
    flagReason: text("flag_reason"),
    flagResolvedAt: ts("flag_resolved_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("refund_fallbacks_attempt_uq").on(t.failedIdempotencyKey),
    uniqueIndex("refund_fallbacks_one_live_uq")
      .on(t.refundId)
      .where(sql`${t.status} in ('open', 'chosen')`),
    index("refund_fallbacks_gateway_refund_idx").on(t.failedGatewayRefundId),
    index("refund_fallbacks_status_idx").on(t.status, t.createdAt),
    check("refund_fallbacks_status", oneOf("status", FALLBACK_STATUSES)),
    check("refund_fallbacks_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** Credit a shopper took instead of a refund that could not reach them. */
export const storeCredits = pgTable(
  "store_credits",
  {
    id: id(),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    orderId: uuid("order_id").references(() => orders.id, { onDelete: "cascade" }),
    refundId: uuid("refund_id").references(() => refunds.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    code: text("code").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("store_credits_code_uq").on(t.code),
    uniqueIndex("store_credits_refund_uq")
      .on(t.refundId)
      .where(sql`${t.refundId} is not null`),
    check("store_credits_amount_positive", sql`${t.amount} > 0`),
  ],
);

export const DISPUTE_STATUSES = ["open", "won", "lost", "closed"] as const;

/** A chargeback opened on a payment; refunds of that payment wait for staff while it is open. */
export const disputes = pgTable(
  "disputes",
  {
    id: id(),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    orderId: uuid("order_id").references(() => orders.id, { onDelete: "cascade" }),
    gateway: text("gateway").notNull(),
    gatewayDisputeId: text("gateway_dispute_id").notNull(),
    paymentReference: text("payment_reference").notNull(),
    amount: integer("amount").notNull().default(0),
    currency: text("currency").notNull(),
    reason: text("reason"),
    status: text("status", { enum: DISPUTE_STATUSES }).notNull().default("open"),
    openedAt: ts("opened_at").notNull(),
    closedAt: ts("closed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("disputes_gateway_id_uq").on(t.gateway, t.gatewayDisputeId),
    index("disputes_payment_idx").on(t.paymentReference),
    check("disputes_status", oneOf("status", DISPUTE_STATUSES)),
  ],
);
