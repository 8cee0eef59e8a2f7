// Staff management on a real database: owners create, re-role, disable and enable staff;
// every change is an audited event with its actor; bad input and conflicts change nothing;
// the store can never lose its last active owner.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { events, staffUsers } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { DomainError } from "@/lib/errors";
import type { Actor } from "@/lib/events/record";
import {
  changeStaffRole,
  createStaffUser,
  ensureOwner,
  resetStaffPassword,
  setStaffDisabled,
} from "@/lib/staff/commands";
import { authenticateStaff } from "@/lib/auth/credentials";
import { createDemoDatabase } from "../fixtures/db";

let database: Database;
let ownerId: string;
let owner: Actor;
beforeAll(async () => {
  database = await createDemoDatabase({ generated: 0 });
  await ensureOwner(database.db, DEMO_STORE_ID, "owner@nordlys.example", "aftercare-demo");
  const [row] = await database.db
    .select()
    .from(staffUsers)
    .where(eq(staffUsers.email, "owner@nordlys.example"));
  ownerId = row!.id;
  owner = { type: "staff", id: ownerId };
});
afterAll(async () => {
  await database.close();
});

async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

const eventsOf = (staffId: string) =>
  database.db
    .select()
    .from(events)
    .where(and(eq(events.subjectType, "staff"), eq(events.subjectId, staffId)));

const staffCount = async () => (await database.db.select().from(staffUsers)).length;

describe("staff management", () => {
  it("creates the owner from the environment once and never changes it afterwards", async () => {
    expect(await ensureOwner(database.db, DEMO_STORE_ID, "OWNER@nordlys.example", "another-password")).toBe(
      false,
    );
    expect(
      await authenticateStaff(database.db, { email: "owner@nordlys.example", password: "aftercare-demo" }),
    ).toMatchObject({ ok: true });
  });

  it("creates an agent with a hashed password, audited with the owner as actor", async () => {
    const { staffId } = await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: " New.Agent@Nordlys.example ", name: "Nils", role: "agent", password: "a-long-password" },
      owner,
    );
    const [row] = await database.db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    expect(row).toMatchObject({
      email: "new.agent@nordlys.example",
      name: "Nils",
      role: "agent",
      disabledAt: null,
    });
    expect(row!.passwordHash).not.toContain("a-long-password");
    const [event] = await eventsOf(staffId);
    expect(event).toMatchObject({
      type: "staff.created",
      actorType: "staff",
      actorId: ownerId,
      data: { email: "new.agent@nordlys.example", role: "agent" },
    });
    expect(
      await authenticateStaff(database.db, {
        email: "new.agent@nordlys.example",
        password: "a-long-password",
      }),
    ).toMatchObject({
      ok: true,
      staff: { role: "agent" },
    });
  });

  it("rejects bad input with field errors and creates nobody", async () => {
    const before = await staffCount();
    const error = await domainError(
      createStaffUser(
        database.db,
        DEMO_STORE_ID,
        { email: "not-an-email", role: "superuser" as "agent", password: "short" },
        owner,
      ),
    );
    expect(error.code).toBe("invalid_input");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["email", "password", "role"]);
    expect(await staffCount()).toBe(before);
  });

  it("refuses a second staff member with the same e-mail, in any case", async () => {
    await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: "twin@nordlys.example", role: "viewer", password: "twin-password" },
      owner,
    );
    const before = await staffCount();
    const error = await domainError(
      createStaffUser(
        database.db,
        DEMO_STORE_ID,
        { email: "TWIN@nordlys.example", role: "owner", password: "twin-password" },
        owner,
      ),
    );
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors?.email).toBeDefined();
    expect(await staffCount()).toBe(before);
  });

  it("re-roles staff with an event naming from and to", async () => {
    const { staffId } = await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: "promoted@nordlys.example", role: "viewer", password: "promoted-password" },
      owner,
    );
    await changeStaffRole(database.db, DEMO_STORE_ID, { staffId, role: "agent" }, owner);
    const [row] = await database.db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    expect(row!.role).toBe("agent");
    expect((await eventsOf(staffId)).find((e) => e.type === "staff.role_changed")).toMatchObject({
      actorId: ownerId,
      data: { from: "viewer", to: "agent" },
    });
  });

  it("disables and enables staff, audited both ways; a disabled member cannot sign in", async () => {
    const { staffId } = await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: "temp@nordlys.example", role: "agent", password: "temp-password" },
      owner,
    );
    await setStaffDisabled(database.db, DEMO_STORE_ID, { staffId, disabled: true }, owner);
    expect(
      await authenticateStaff(database.db, { email: "temp@nordlys.example", password: "temp-password" }),
    ).toEqual({
      ok: false,
      reason: "disabled",
    });
    await setStaffDisabled(database.db, DEMO_STORE_ID, { staffId, disabled: false }, owner);
    expect(
      await authenticateStaff(database.db, { email: "temp@nordlys.example", password: "temp-password" }),
    ).toMatchObject({ ok: true });
    const types = (await eventsOf(staffId)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["staff.disabled", "staff.enabled"]));
  });

  it("never lets the last active owner be demoted or disabled", async () => {
    const demote = await domainError(
      changeStaffRole(database.db, DEMO_STORE_ID, { staffId: ownerId, role: "agent" }, { type: "system" }),
    );
    expect(demote.code).toBe("conflict");
    const disable = await domainError(
      setStaffDisabled(database.db, DEMO_STORE_ID, { staffId: ownerId, disabled: true }, { type: "system" }),
    );
    expect(disable.code).toBe("conflict");
    const [row] = await database.db.select().from(staffUsers).where(eq(staffUsers.id, ownerId));
    expect(row).toMatchObject({ role: "owner", disabledAt: null });
  });

  it("refuses an owner disabling their own account", async () => {
    const { staffId } = await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: "second.owner@nordlys.example", role: "owner", password: "second-owner-pw" },
      owner,
    );
    const error = await domainError(
      setStaffDisabled(
        database.db,
        DEMO_STORE_ID,
        { staffId, disabled: true },
        { type: "staff", id: staffId },
      ),
    );
    expect(error.code).toBe("conflict");
    // With a second owner the first may step down.
    await changeStaffRole(database.db, DEMO_STORE_ID, { staffId, role: "agent" }, owner);
  });

  it("lets two owners demote each other at once only as far as one owner remains", async () => {
    const { staffId: a } = await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: "owner.a@nordlys.example", role: "owner", password: "owner-a-password" },
      owner,
    );
    // Two active owners now (the second one above stepped down): each demotes the other.
    const results = await Promise.allSettled([
      changeStaffRole(
        database.db,
        DEMO_STORE_ID,
        { staffId: a, role: "viewer" },
        { type: "staff", id: ownerId },
      ),
      changeStaffRole(
        database.db,
        DEMO_STORE_ID,
        { staffId: ownerId, role: "viewer" },
        { type: "staff", id: a },
      ),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const owners = (await database.db.select().from(staffUsers)).filter(
      (s) => s.role === "owner" && !s.disabledAt,
    );
    expect(owners).toHaveLength(1);
    // Restore the environment's owner for the rest of the file.
    const remaining = owners[0]!.id;
    if (remaining !== ownerId) {
      await changeStaffRole(
        database.db,
        DEMO_STORE_ID,
        { staffId: ownerId, role: "owner" },
        { type: "system" },
      );
    }
  });

  it("resets a password: the old one stops working, the new one works", async () => {
    const { staffId } = await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: "forgetful@nordlys.example", role: "viewer", password: "old-password-1" },
      owner,
    );
    await resetStaffPassword(database.db, DEMO_STORE_ID, { staffId, password: "new-password-2" }, owner);
    expect(
      (
        await authenticateStaff(database.db, {
          email: "forgetful@nordlys.example",
          password: "old-password-1",
        })
      ).ok,
    ).toBe(false);
    expect(
      (
        await authenticateStaff(database.db, {
          email: "forgetful@nordlys.example",
          password: "new-password-2",
        })
      ).ok,
    ).toBe(true);
    expect((await eventsOf(staffId)).map((e) => e.type)).toContain("staff.password_reset");
  });
});
