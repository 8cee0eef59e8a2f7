// Staff slice: owns staff users and their roles. Every change is an audited event.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { staffUsers } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { recordEvent } from "@/lib/events/record";

/** Creates the owner account from the environment on first start; never changes an existing one. */
export async function ensureOwner(db: DbOrTx, storeId: string, email: string, password: string) {
  const normalized = email.trim().toLowerCase();
  const existing = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(eq(staffUsers.email, normalized));
  if (existing.length > 0) return false;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staffUsers)
      .values({ email: normalized, role: "owner", name: "Owner", passwordHash })
      .onConflictDoNothing()
      .returning({ id: staffUsers.id });
    if (!row) return;
    await recordEvent(tx, {
      storeId,
      subjectType: "staff",
      subjectId: row.id,
      actor: { type: "system" },
      type: "staff.created",
      data: { email: normalized, role: "owner", source: "AFTERCARE_ADMIN_EMAIL" },
    });
  });
  return true;
}
