// Owners hear about a refund that needs a person (no adapter can send it, or the gateway canceled
// it), by e-mail in the same transaction as the change, like the circuit breaker's alert.
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { staffUsers } from "@/lib/db/schema";
import { queueNotification } from "@/lib/notifications/commands";

export async function alertOwners(tx: DbOrTx, params: { orderNumber: string; reason: string }) {
  const owners = await tx
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "owner"), isNull(staffUsers.disabledAt)));
  for (const owner of owners) {
    await queueNotification(tx, { to: owner.email, template: "refund_attention", params });
  }
}
