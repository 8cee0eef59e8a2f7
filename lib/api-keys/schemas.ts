import { z } from "zod";

export const API_KEY_SCOPES = ["read", "write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const createApiKeySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Name the key after the system that uses it")
      .max(80, "Use at most 80 characters"),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "Choose at least one scope").max(2),
  })
  .strict();

export const revokeApiKeySchema = z.object({ apiKeyId: z.uuid() }).strict();
