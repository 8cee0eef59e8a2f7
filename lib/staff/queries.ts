import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { staffUsers } from "@/lib/db/schema";

export async function listStaff(db: DbOrTx) {
  return db
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      role: staffUsers.role,
      disabledAt: staffUsers.disabledAt,
      lastLoginAt: staffUsers.lastLoginAt,
      createdAt: staffUsers.createdAt,
    })
    .from(staffUsers)
    .orderBy(asc(staffUsers.disabledAt), asc(staffUsers.createdAt));
}

export type StaffListItem = Awaited<ReturnType<typeof listStaff>>[number];

/** Names for actor ids in timelines and the audit log. */
export async function staffNames(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: staffUsers.id, email: staffUsers.email, name: staffUsers.name })
    .from(staffUsers);
  return new Map(rows.map((r) => [r.id, r.name ? `${r.name} (${r.email})` : r.email]));
}

/** Where alerts for owners go: every owner who is not disabled. */
export async function ownerEmails(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "owner"), isNull(staffUsers.disabledAt)));
  return rows.map((r) => r.email);
}
