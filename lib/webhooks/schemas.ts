import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "./events";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** HTTPS, or plain HTTP to this machine (a local receiver while developing). */
export const webhookUrlSchema = z
  .url("Enter a full URL such as https://example.com/hooks/aftercare")
  .max(2000)
  .refine(
    (v) => {
      const u = new URL(v);
      return u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK.has(u.hostname));
    },
    { message: "Use https:// (plain http:// only to localhost)" },
  );

export const createWebhookEndpointSchema = z
  .object({
    url: webhookUrlSchema,
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1, "Choose at least one event")
      .max(WEBHOOK_EVENT_TYPES.length),
  })
  .strict();

export const endpointIdSchema = z.object({ endpointId: z.uuid() }).strict();
export const setEndpointEnabledSchema = z.object({ endpointId: z.uuid(), enabled: z.boolean() }).strict();
export const deliveryIdSchema = z.object({ deliveryId: z.uuid() }).strict();
