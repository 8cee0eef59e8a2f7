import { createHash } from "node:crypto";

/** API keys are long random strings, so a fast hash is enough (no KDF needed). */
export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");
export const apiKeyPrefix = (key: string) => key.slice(0, 10);
