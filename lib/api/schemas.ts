// The API's zod schemas: what handlers validate and what the OpenAPI document is generated from,
// so the two cannot drift. Inputs reuse the domain slices' schemas wherever one exists.
import { z } from "zod";
import {
  FINANCIAL_STATUSES,
  FULFILLMENT_STATES,
  FULFILLMENT_STATUSES,
  ORDER_STATUSES,
  REFUND_STATUSES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  RISK_LEVELS,
} from "@/lib/db/schema";
import { CANCEL_REASONS } from "@/lib/orders/cancel";
import { importFulfillmentSchema, orderImportSchema, orderNumberSchema } from "@/lib/orders/schemas";
import { refundAdjustmentSchema } from "@/lib/requests/schemas";

/** API times are strict ISO 8601 instants; a bare number or "yesterday" is refused, not guessed. */
const dateTime = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 date-time such as 2026-11-20T10:15:00Z",
});
const minor = z.number().int().nonnegative().meta({ description: "Money in minor units (øre, cents)." });
const uuid = z.uuid();

// ---- path and query ----

export const orderNumberParamsSchema = z.object({ number: orderNumberSchema });
export const idParamsSchema = z.object({ id: uuid });

const limit = z.coerce.number().int().min(1).max(100).default(25).meta({ description: "Page size, 1–100." });
const cursor = z.string().max(500).optional().meta({ description: "The nextCursor of the previous page." });

export const listRequestsQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    type: z.enum(REQUEST_TYPES).optional(),
    order: orderNumberSchema.optional().meta({ description: "Only requests for this order number." }),
    cursor,
    limit,
  })
  .strict();

export const listRefundsQuerySchema = z
  .object({
    status: z.enum(REFUND_STATUSES).optional(),
    order: orderNumberSchema.optional().meta({ description: "Only refunds of this order number." }),
    cursor,
    limit,
  })
  .strict();

// ---- request bodies ----

export const orderImportBodySchema = orderImportSchema
  .extend({
    externalId: z
      .string()
      .min(1)
      .max(200)
      .meta({ description: "The order's id in the store's platform; the upsert key." }),
    placedAt: dateTime,
    paidAt: dateTime.optional(),
    fulfillments: z
      .array(
        importFulfillmentSchema.extend({ shippedAt: dateTime.optional(), deliveredAt: dateTime.optional() }),
      )
      .max(50)
      .default([]),
  })
  .meta({
    id: "OrderImport",
    description:
      "An order from the store's platform. Importing the same externalId again updates what may change (payment, risk, fulfilments and tracking, customer name and locale) and nothing else.",
  });

const fulfillmentLineSchema = z
  .object({
    lineItemId: uuid.optional(),
    sku: z.string().min(1).max(64).optional(),
    quantity: z.number().int().positive().max(10_000),
  })
  .strict()
  .refine((l) => (l.lineItemId === undefined) !== (l.sku === undefined), {
    message: "give either lineItemId or sku",
    path: ["lineItemId"],
  });

export const fulfillmentBodySchema = z
  .object({
    lines: z
      .array(fulfillmentLineSchema)
      .min(1)
      .max(500)
      .optional()
      .meta({ description: "Units shipped; everything not yet fulfilled when left out." }),
    carrier: z.string().max(80).optional(),
    trackingNumber: z.string().max(120).optional(),
    trackingUrl: z.url().max(2000).optional(),
    shippedAt: dateTime
      .optional()
      .meta({ description: "Handed to the carrier; left out while still being packed." }),
  })
  .strict()
  .meta({ id: "FulfillmentCreate" });

export const deliveredBodySchema = z
  .object({ deliveredAt: dateTime.optional() })
  .strict()
  .meta({ id: "DeliveryRecord" });

export const cancelOrderBodySchema = z
  .object({
    reason: z.enum(CANCEL_REASONS),
    restock: z.boolean().default(true),
    refund: z.boolean().default(true),
    notifyShopper: z.boolean().default(true),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .meta({ id: "OrderCancel" });

export const approveBodySchema = z
  .object({
    refund: refundAdjustmentSchema
      .optional()
      .meta({ description: "Refund other than the request's own lines (e.g. a lower amount)." }),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .meta({ id: "RequestApproval" });

export const declineBodySchema = z
  .object({ message: z.string().trim().min(3, "Tell the shopper why").max(1000) })
  .strict()
  .meta({ id: "RequestDecline" });

export const emptyBodySchema = z.object({}).strict().meta({ id: "Empty" });

// ---- responses ----

export const API_ERROR_CODES = [
  "invalid_input",
  "not_found",
  "conflict",
  "not_eligible",
  "limit_exceeded",
  "forbidden",
  "unauthorized",
  "rate_limited",
  "malformed_json",
  "payload_too_large",
  "unsupported_media_type",
  "idempotency_conflict",
  "idempotency_in_progress",
  "internal_error",
] as const;

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: z.string(),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .meta({ description: "Messages per field, keyed by dotted path (lines.0.quantity)." }),
    }),
  })
  .meta({ id: "Error" });

const at = dateTime;
const atOrNull = dateTime.nullable();

export const lineItemSchema = z
  .object({
    id: uuid,
    sku: z.string(),
    title: z.string(),
    variantTitle: z.string().nullable(),
    quantity: z.number().int(),
    unitPrice: minor,
    discount: minor,
    tax: minor,
    finalSale: z.boolean(),
    restockable: z.boolean(),
    quantityCancelled: z.number().int(),
    quantityFulfilled: z.number().int(),
    quantityReturned: z.number().int(),
    quantityRefunded: z.number().int(),
  })
  .meta({ id: "LineItem" });

export const fulfillmentSchema = z
  .object({
    id: uuid,
    orderId: uuid,
    orderNumber: z.string(),
    status: z.enum(FULFILLMENT_STATES),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    trackingUrl: z.string().nullable(),
    shippedAt: atOrNull,
    deliveredAt: atOrNull,
    lines: z.array(z.object({ lineItemId: uuid, sku: z.string(), quantity: z.number().int() })),
    createdAt: at,
  })
  .meta({ id: "Fulfillment" });

export const orderSchema = z
  .object({
    object: z.literal("order"),
    id: uuid,
    externalId: z.string().nullable(),
    number: z.string(),
    email: z.string(),
    customerName: z.string().nullable(),
    locale: z.string().nullable(),
    currency: z.string(),
    status: z.enum(ORDER_STATUSES),
    financialStatus: z.enum(FINANCIAL_STATUSES),
    fulfillmentStatus: z.enum(FULFILLMENT_STATUSES),
    risk: z.object({ level: z.enum(RISK_LEVELS), reasons: z.array(z.string()) }),
    totals: z.object({
      subtotal: minor,
      discount: minor,
      shipping: minor,
      shippingTax: minor,
      tax: minor,
      total: minor,
      captured: minor,
      refunded: minor,
    }),
    cancelReason: z.string().nullable(),
    cancelledAt: atOrNull,
    placedAt: at,
    paidAt: atOrNull,
    lines: z.array(lineItemSchema),
    fulfillments: z.array(fulfillmentSchema.omit({ orderId: true, orderNumber: true })),
    createdAt: at,
    updatedAt: at,
  })
  .meta({ id: "Order" });

export const requestSchema = z
  .object({
    object: z.literal("request"),
    id: uuid,
    orderId: uuid,
    orderNumber: z.string(),
    type: z.enum(REQUEST_TYPES),
    status: z.enum(REQUEST_STATUSES),
    reasonCode: z.string(),
    comment: z.string().nullable(),
    resolution: z.enum(["original_payment", "store_credit"]),
    createdBy: z.enum(["shopper", "staff", "rule", "system", "gateway", "api"]),
    previewAmount: minor.meta({ description: "The refund the shopper was shown when asking." }),
    currency: z.string(),
    includeShipping: z.boolean(),
    lines: z.array(
      z.object({ lineItemId: uuid, sku: z.string(), title: z.string(), quantity: z.number().int() }),
    ),
    decision: z
      .object({
        outcome: z.enum(["auto_approve", "review", "decline", "approve"]),
        ruleId: z.string().nullable(),
        ruleVersion: z.number().int().nullable(),
        explanation: z.string(),
        decidedAt: atOrNull,
      })
      .nullable(),
    refundId: uuid.nullable(),
    createdAt: at,
    updatedAt: at,
  })
  .meta({ id: "Request" });

export const refundSchema = z
  .object({
    object: z.literal("refund"),
    id: uuid,
    orderId: uuid,
    orderNumber: z.string(),
    requestId: uuid.nullable(),
    status: z.enum(REFUND_STATUSES),
    amount: minor,
    currency: z.string(),
    shippingAmount: minor,
    restock: z.boolean(),
    gateway: z.string(),
    gatewayRefundId: z.string().nullable(),
    offline: z.boolean(),
    attempts: z.number().int(),
    failure: z.object({ code: z.string().nullable(), reason: z.string().nullable() }).nullable(),
    expectedArrival: z
      .object({ from: z.iso.date(), to: z.iso.date() })
      .nullable()
      .meta({ description: "When the money should reach the shopper (business days, store time zone)." }),
    lines: z.array(
      z.object({ lineItemId: uuid, sku: z.string(), quantity: z.number().int(), amount: minor }),
    ),
    submittedAt: atOrNull,
    settledAt: atOrNull,
    createdAt: at,
    updatedAt: at,
  })
  .meta({ id: "Refund" });

const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().meta({ description: "null on the last page." }),
    })
    .meta({ id });

export const requestPageSchema = pageOf(requestSchema, "RequestPage");
export const refundPageSchema = pageOf(refundSchema, "RefundPage");

export type ApiOrder = z.output<typeof orderSchema>;
export type ApiFulfillment = z.output<typeof fulfillmentSchema>;
export type ApiRequest = z.output<typeof requestSchema>;
export type ApiRefund = z.output<typeof refundSchema>;
