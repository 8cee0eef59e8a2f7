import { z } from "zod";
import { PAYMENT_METHOD_TYPES, RISK_LEVELS } from "@/lib/db/schema";

const minor = z.number().int("must be a whole number of minor units").nonnegative("must not be negative");
const currency = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as NOK");

/** "#1001", "1001" and " 1001 " all mean order 1001. */
export const orderNumberSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/^#/, "").trim())
  .pipe(z.string().regex(/^[A-Za-z0-9-]{1,32}$/, "Enter an order number such as #1001"));

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid e-mail address").max(254));

export const paymentMethodSchema = z
  .object({
    type: z.enum(PAYMENT_METHOD_TYPES),
    brand: z.string().max(40).optional(),
    last4: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    wallet: z.string().max(40).optional(),
    bank: z.string().max(80).optional(),
  })
  .strict();

export const importLineSchema = z
  .object({
    sku: z.string().min(1).max(64),
    title: z.string().min(1).max(200),
    variantTitle: z.string().max(200).optional(),
    quantity: z.number().int().positive("must be at least 1").max(10_000),
    unitPrice: minor,
    discount: minor.default(0),
    tax: minor.default(0),
    finalSale: z.boolean().default(false),
    restockable: z.boolean().default(true),
    tags: z.array(z.string().max(40)).max(20).default([]),
  })
  .strict()
  .refine((l) => l.discount <= l.unitPrice * l.quantity, {
    message: "discount cannot exceed the line's price",
    path: ["discount"],
  });

export const importFulfillmentSchema = z
  .object({
    lines: z
      .array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive() }).strict())
      .min(1),
    carrier: z.string().max(80).optional(),
    trackingNumber: z.string().max(120).optional(),
    trackingUrl: z.url().optional(),
    shippedAt: z.coerce.date().optional(),
    deliveredAt: z.coerce.date().optional(),
  })
  .strict();

export const orderImportSchema = z
  .object({
    externalId: z.string().min(1).max(200).optional(),
    number: orderNumberSchema,
    email: emailSchema,
    customerName: z.string().max(200).optional(),
    locale: z.enum(["en", "nb", "zh"]).optional(),
    currency,
    placedAt: z.coerce.date(),
    paidAt: z.coerce.date().optional(),
    lines: z.array(importLineSchema).min(1, "an order needs at least one line").max(500),
    shipping: minor.default(0),
    shippingTax: minor.default(0),
    payment: z
      .object({
        gateway: z.string().min(1).max(40),
        reference: z.string().min(1).max(200),
        method: paymentMethodSchema,
        status: z.enum(["authorized", "captured", "pending"]).default("captured"),
        /** Captured amount; defaults to the order total when captured. */
        amount: minor.optional(),
        fee: minor.default(0),
      })
      .strict(),
    risk: z
      .object({ level: z.enum(RISK_LEVELS), reasons: z.array(z.string().max(200)).max(20).default([]) })
      .strict()
      .optional(),
    fulfillments: z.array(importFulfillmentSchema).max(50).default([]),
  })
  .strict();

export type OrderImport = z.input<typeof orderImportSchema>;
export type OrderImportParsed = z.output<typeof orderImportSchema>;
