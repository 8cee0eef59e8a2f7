// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers validate
// with. Every route handler under app/api/v1 must appear here; a test walks the folder to check.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { API_RATE_LIMIT } from "./handler";
import { MAX_BODY_BYTES } from "./body";
import { IDEMPOTENCY_KEY_TTL_HOURS } from "./idempotency";
import {
  apiErrorSchema,
  approveBodySchema,
  cancelOrderBodySchema,
  declineBodySchema,
  deliveredBodySchema,
  emptyBodySchema,
  fulfillmentBodySchema,
  fulfillmentSchema,
  idParamsSchema,
  listRefundsQuerySchema,
  listRequestsQuerySchema,
  orderImportBodySchema,
  orderNumberParamsSchema,
  orderSchema,
  refundPageSchema,
  refundSchema,
  requestPageSchema,
  requestSchema,
} from "./schemas";

type Endpoint = {
  method: "get" | "post";
  path: string;
  summary: string;
  description?: string;
  tag: "Orders" | "Requests" | "Refunds" | "Meta";
  scope: "read" | "write" | null;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: 200 | 201; schema: z.ZodType; description: string };
  also201?: boolean;
};

const openapiDocumentSchema = z.record(z.string(), z.unknown()).meta({ id: "OpenApiDocument" });

export const ENDPOINTS: Endpoint[] = [
  {
    method: "post",
    path: "/orders",
    tag: "Orders",
    scope: "write",
    summary: "Import or update an order",
    description:
      "Upsert by `externalId`: 201 when the order is new, 200 when it existed. A re-import changes only what changed: payment capture, risk, customer name and locale, fulfilments and tracking. Lines, e-mail, currency, shipping and the payment itself are fixed; a different value is refused with 409.",
    body: orderImportBodySchema,
    ok: { status: 201, schema: orderSchema, description: "The order (201 created, 200 existing)." },
    also201: true,
  },
  {
    method: "get",
    path: "/orders/{number}",
    tag: "Orders",
    scope: "read",
    summary: "Get an order by its number",
    params: orderNumberParamsSchema,
    ok: { status: 200, schema: orderSchema, description: "The order." },
  },
  {
    method: "post",
    path: "/orders/{number}/fulfillments",
    tag: "Orders",
    scope: "write",
    summary: "Record a fulfilment",
    description:
      "Lines by `sku` or `lineItemId`; without `lines`, everything not yet fulfilled. With `shippedAt` the parcel is in transit.",
    params: orderNumberParamsSchema,
    body: fulfillmentBodySchema,
    ok: { status: 201, schema: fulfillmentSchema, description: "The fulfilment." },
  },
  {
    method: "post",
    path: "/orders/{number}/cancel",
    tag: "Orders",
    scope: "write",
    summary: "Cancel an order (merchant side)",
    description:
      "Cancels every unit not yet shipped, optionally restocking, refunding (within the store's maximum per order) and telling the shopper. Shipped units come back as a return instead.",
    params: orderNumberParamsSchema,
    body: cancelOrderBodySchema,
    ok: { status: 200, schema: orderSchema, description: "The order after cancelling." },
  },
  {
    method: "post",
    path: "/fulfillments/{id}/delivered",
    tag: "Orders",
    scope: "write",
    summary: "Record a delivery",
    description:
      "Marks the fulfilment delivered (now, or at `deliveredAt`); the return window starts from here.",
    params: idParamsSchema,
    body: deliveredBodySchema,
    ok: { status: 200, schema: fulfillmentSchema, description: "The fulfilment." },
  },
  {
    method: "get",
    path: "/requests",
    tag: "Requests",
    scope: "read",
    summary: "List cancellation and return requests",
    description: "Newest first; follow `nextCursor` for the next page.",
    query: listRequestsQuerySchema,
    ok: { status: 200, schema: requestPageSchema, description: "One page of requests." },
  },
  {
    method: "get",
    path: "/requests/{id}",
    tag: "Requests",
    scope: "read",
    summary: "Get a request",
    params: idParamsSchema,
    ok: { status: 200, schema: requestSchema, description: "The request." },
  },
  {
    method: "post",
    path: "/requests/{id}/approve",
    tag: "Requests",
    scope: "write",
    summary: "Approve a request",
    description:
      "As an agent would: a cancellation is cancelled and refunded; a return waits for its item unless `refund` is given. Never above the store's maximum refund per order.",
    params: idParamsSchema,
    body: approveBodySchema,
    ok: { status: 200, schema: requestSchema, description: "The request after the decision." },
  },
  {
    method: "post",
    path: "/requests/{id}/decline",
    tag: "Requests",
    scope: "write",
    summary: "Decline a request",
    description: "`message` is shown to the shopper.",
    params: idParamsSchema,
    body: declineBodySchema,
    ok: { status: 200, schema: requestSchema, description: "The request after the decision." },
  },
  {
    method: "post",
    path: "/requests/{id}/received",
    tag: "Requests",
    scope: "write",
    summary: "Record a returned item as received",
    description:
      "The item is counted as returned and restocked; the rules (or the approving decision) then refund it.",
    params: idParamsSchema,
    body: emptyBodySchema,
    ok: { status: 200, schema: requestSchema, description: "The request after receiving." },
  },
  {
    method: "get",
    path: "/refunds",
    tag: "Refunds",
    scope: "read",
    summary: "List refunds",
    description: "Newest first; follow `nextCursor` for the next page.",
    query: listRefundsQuerySchema,
    ok: { status: 200, schema: refundPageSchema, description: "One page of refunds." },
  },
  {
    method: "get",
    path: "/refunds/{id}",
    tag: "Refunds",
    scope: "read",
    summary: "Get a refund",
    params: idParamsSchema,
    ok: { status: 200, schema: refundSchema, description: "The refund." },
  },
  {
    method: "get",
    path: "/openapi.json",
    tag: "Meta",
    scope: null,
    summary: "This document",
    ok: { status: 200, schema: openapiDocumentSchema, description: "The OpenAPI 3.1 document." },
  },
];

const ERRORS: Record<number, string> = {
  400: "Malformed JSON.",
  401: "Missing, unknown or revoked API key.",
  403: "The API key lacks the scope.",
  404: "Not found.",
  409: "Conflict with the current state, or an Idempotency-Key reused with another body.",
  413: `Body larger than ${MAX_BODY_BYTES / 1024} KB.`,
  415: "Body is not JSON.",
  422: "Validation failed; `fields` says where.",
  429: "Rate limit reached; wait `Retry-After` seconds.",
};

function errorsFor(e: Endpoint): number[] {
  if (!e.scope) return [];
  const codes = [401, 403, 422, 429];
  if (e.params) codes.push(404);
  if (e.method === "post") codes.push(400, 409, 413, 415);
  return codes.sort();
}

const json = (schema: z.ZodType) => ({ "application/json": { schema } });

const idempotencyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .max(255)
    .optional()
    .meta({
      description: `Replays the first response for the same key and body; 409 for the same key with another body. Keys are kept for ${IDEMPOTENCY_KEY_TTL_HOURS} hours.`,
    }),
});

function routeConfig(e: Endpoint): RouteConfig {
  const responses: RouteConfig["responses"] = {
    [e.ok.status]: { description: e.ok.description, content: json(e.ok.schema) },
  };
  if (e.also201)
    responses[200] = {
      description: "The existing order, updated where the import changed it.",
      content: json(e.ok.schema),
    };
  for (const code of errorsFor(e)) {
    const headers =
      code === 429
        ? { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" as const } } }
        : undefined;
    responses[code] = {
      description: ERRORS[code]!,
      content: json(apiErrorSchema),
      ...(headers ? { headers } : {}),
    };
  }
  return {
    method: e.method,
    path: e.path,
    summary: e.summary,
    description: [e.description, e.scope ? `Needs the \`${e.scope}\` scope.` : "No API key needed."]
      .filter(Boolean)
      .join("\n\n"),
    tags: [e.tag],
    security: e.scope ? [{ apiKey: [] }] : [],
    request: {
      ...(e.params ? { params: e.params } : {}),
      ...(e.query ? { query: e.query } : {}),
      ...(e.method === "post" ? { headers: idempotencyHeader } : {}),
      ...(e.body ? { body: { required: true, content: json(e.body) } } : {}),
    },
    responses,
  };
}

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key created by an owner under Console → API keys: `Authorization: Bearer ack_…`.",
  });
  for (const e of ENDPOINTS) registry.registerPath(routeConfig(e));
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Aftercare API",
      version: "1.0.0",
      description: [
        "Orders in, decisions and refunds out. JSON only; amounts are integers in minor units with the order's currency.",
        `Errors share one shape: \`{ "error": { "code", "message", "fields"? } }\`. Each key may make ${API_RATE_LIMIT.limit} requests a minute; bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`,
        `Every POST honours \`Idempotency-Key\` (kept for ${IDEMPOTENCY_KEY_TTL_HOURS} hours).`,
      ].join("\n\n"),
    },
    servers: [{ url: "/api/v1" }],
    tags: [
      { name: "Orders", description: "Import orders and record what happens to them." },
      { name: "Requests", description: "Shoppers' cancellation and return requests, and their decisions." },
      { name: "Refunds", description: "Money going back to shoppers." },
      { name: "Meta", description: "About the API itself." },
    ],
    security: [{ apiKey: [] }],
  });
  return cached;
}
