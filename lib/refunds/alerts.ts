// Owners hear about a refund that needs a person (no adapter can send it, or the gateway canceled
// it), by e-mail in the same transaction as the change, like the circuit breaker's alert.
import type { DbOrTx } from "@/lib/db";
import { queueNotification } from "@/lib/notifications/commands";
import { ownerEmails } from "@/lib/staff/owners";

export async function alertOwners(tx: DbOrTx, params: { orderNumber: string; reason: string }) {
  for (const to of await ownerEmails(tx)) {
    await queueNotification(tx, { to, template: "refund_attention", params });
  }
}
