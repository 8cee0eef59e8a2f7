import "server-only";
import { asc } from "drizzle-orm";
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
