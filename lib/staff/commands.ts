// Staff slice: owns staff users and their roles. Every change is an audited event
// (subject "staff"). Guards: e-mails are unique; the store always keeps one active owner, so
// nobody can lock everyone out by disabling or demoting the last owner.
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { staffUsers } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { StaffRole } from "@/lib/auth/roles";
import { DomainError, parseOrThrow } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import {
  changeRoleSchema,
  type CreateStaffInput,
  createStaffSchema,
  resetPasswordSchema,
  setStaffDisabledSchema,
} from "./schemas";

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

export async function createStaffUser(
  db: DbOrTx,
  storeId: string,
  raw: CreateStaffInput,
  actor: Actor,
): Promise<{ staffId: string }> {
  const input = parseOrThrow(createStaffSchema, raw);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staffUsers)
      .values({ email: input.email, name: input.name || null, role: input.role, passwordHash })
      .onConflictDoNothing()
      .returning({ id: staffUsers.id });
    if (!row) {
      throw new DomainError("conflict", "A staff member with this e-mail already exists.", {
        email: ["Already a staff member"],
      });
    }
    await recordEvent(tx, {
      storeId,
      subjectType: "staff",
      subjectId: row.id,
      actor,
      type: "staff.created",
      data: { email: input.email, role: input.role },
    });
    return { staffId: row.id };
  });
}

export async function changeStaffRole(
  db: DbOrTx,
  storeId: string,
  raw: { staffId: string; role: StaffRole },
  actor: Actor,
): Promise<void> {
  const input = parseOrThrow(changeRoleSchema, raw);
  await db.transaction(async (tx) => {
    const user = await lockStaffOrThrow(tx, input.staffId);
    if (user.role === input.role) return;
    if (user.role === "owner" && !user.disabledAt) await assertAnotherActiveOwner(tx, user.id, "demote");
    await tx.update(staffUsers).set({ role: input.role }).where(eq(staffUsers.id, user.id));
    await recordEvent(tx, {
      storeId,
      subjectType: "staff",
      subjectId: user.id,
      actor,
      type: "staff.role_changed",
      data: { email: user.email, from: user.role, to: input.role },
    });
  });
}

export async function setStaffDisabled(
  db: DbOrTx,
  storeId: string,
  raw: { staffId: string; disabled: boolean },
  actor: Actor,
): Promise<void> {
  const input = parseOrThrow(setStaffDisabledSchema, raw);
  await db.transaction(async (tx) => {
    const user = await lockStaffOrThrow(tx, input.staffId);
    if (Boolean(user.disabledAt) === input.disabled) return;
    if (input.disabled && actor.type === "staff" && actor.id === user.id) {
      throw new DomainError("conflict", "You cannot disable your own account.");
    }
    if (input.disabled && user.role === "owner") await assertAnotherActiveOwner(tx, user.id, "disable");
    await tx
      .update(staffUsers)
      .set({ disabledAt: input.disabled ? new Date() : null })
      .where(eq(staffUsers.id, user.id));
    await recordEvent(tx, {
      storeId,
      subjectType: "staff",
      subjectId: user.id,
      actor,
      type: input.disabled ? "staff.disabled" : "staff.enabled",
      data: { email: user.email },
    });
  });
}

export async function resetStaffPassword(
  db: DbOrTx,
  storeId: string,
  raw: { staffId: string; password: string },
  actor: Actor,
): Promise<void> {
  const input = parseOrThrow(resetPasswordSchema, raw);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const user = await lockStaffOrThrow(tx, input.staffId);
    await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, user.id));
    await recordEvent(tx, {
      storeId,
      subjectType: "staff",
      subjectId: user.id,
      actor,
      type: "staff.password_reset",
      data: { email: user.email },
    });
  });
}

async function lockStaffOrThrow(tx: DbOrTx, staffId: string) {
  const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, staffId)).for("update");
  if (!user) throw new DomainError("not_found", "No such staff member.");
  return user;
}

// Owners are locked as a set (advisory lock) so two owners cannot demote each other at once.
async function assertAnotherActiveOwner(tx: DbOrTx, exceptId: string, verb: "demote" | "disable") {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('staff:owners'))`);
  const others = await tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "owner"), isNull(staffUsers.disabledAt), ne(staffUsers.id, exceptId)))
    .limit(1);
  if (others.length === 0) {
    throw new DomainError(
      "conflict",
      `You cannot ${verb} the last active owner: make someone else owner first.`,
    );
  }
}
