// A refund's idempotency key at the gateway: one per attempt generation. A retry (after a failure)
// moves to the next generation, so the gateway treats it as new money; a repeat of the same attempt
// keeps its key, so the gateway answers with the refund it already made.
export const refundKey = (refundId: string, generation: number) => `refund:${refundId}:${generation}`;
export const keyGeneration = (key: string) => Number(key.split(":")[2] ?? 1);
