// Who hears about what needs an owner (breaker, refunds needing attention, failing webhooks). Not
// `server-only`: the job handlers that send these alerts also run in the worker process.
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { staffUsers } from "@/lib/db/schema";

/** Where alerts for owners go: every owner who is not disabled. */
export async function ownerEmails(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "owner"), isNull(staffUsers.disabledAt)));
  return rows.map((r) => r.email);
}
