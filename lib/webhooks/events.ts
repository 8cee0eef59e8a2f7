// Which timeline events integrators hear about, and under which webhook event type.
export const WEBHOOK_EVENT_TYPES = [
  "order.cancelled",
  "request.created",
  "request.decided",
  "refund.created",
  "refund.succeeded",
  "refund.failed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const FROM_TIMELINE: Record<string, WebhookEventType> = {
  "request.submitted": "request.created",
  "request.auto_approved": "request.decided",
  "request.approved": "request.decided",
  "request.declined": "request.decided",
  "order.cancelled": "order.cancelled",
  "refund.created": "refund.created",
  "refund.succeeded": "refund.succeeded",
  "refund.failed": "refund.failed",
};

export const webhookTypeFor = (timelineType: string): WebhookEventType | undefined =>
  FROM_TIMELINE[timelineType];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "order.cancelled":
    "An order was cancelled (by the shopper's request, staff, the API or a missed ship-by date).",
  "request.created": "A shopper (or staff on their behalf) asked to cancel or return.",
  "request.decided": "A request was approved or declined, by a rule or a person.",
  "refund.created": "A refund was approved and is on its way to the payment gateway.",
  "refund.succeeded": "The gateway confirmed the refund.",
  "refund.failed": "The gateway refused the refund; staff can retry it.",
};
