// The Rules page's server actions on a real database, signed in with real session cookies:
// saving is owner-only and a refused or invalid save changes nothing; a valid save becomes
// version 2; a simulation's totals are the sum of its own rows and it never saves.
// Only Next's request cookies are stood in for (there is no request outside a server).
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { nowSeconds } from "@/lib/auth/session-policy";
import type { StaffRole } from "@/lib/auth/roles";
import { setDatabaseForTests } from "@/lib/db";
import type { Database } from "@/lib/db/client";
import { events, ruleSets } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { saveRulesAction, simulateRulesAction } from "@/lib/rules/actions";
import { DEFAULT_RULES } from "@/lib/rules/default-policy";
import { getLiveRuleSet } from "@/lib/rules/rule-sets";
import { createStaffUser } from "@/lib/staff/commands";
import { createDemoDatabase } from "../fixtures/db";

const SECRET = "rules-console-secret-0123456789abcdef0123";
process.env.AUTH_SECRET = SECRET;

let sessionToken: string | undefined;
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) =>
      sessionToken && name.endsWith("aftercare.session") ? { name, value: sessionToken } : undefined,
  }),
  headers: async () => new Headers(),
}));

let database: Database;
const staff: Record<StaffRole, { id: string; email: string }> = {} as never;

beforeAll(async () => {
  database = await createDemoDatabase({ generated: 20 });
  setDatabaseForTests(database);
  for (const role of ["owner", "agent", "viewer"] as const) {
    const email = `${role}.rules@nordlys.example`;
    const { staffId } = await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email, role, password: `${role}-password-1` },
      { type: "system" },
    );
    staff[role] = { id: staffId, email };
  }
});
afterAll(async () => {
  setDatabaseForTests(undefined);
  await database.close();
});

async function signInAs(role: StaffRole) {
  const now = nowSeconds();
  sessionToken = await encode({
    token: {
      kind: "staff",
      email: staff[role].email,
      staffId: staff[role].id,
      role,
      signedInAt: now,
      lastSeenAt: now,
    },
    secret: SECRET,
    maxAge: 3600,
  });
}

const ruleSetRows = () => database.db.select().from(ruleSets).where(eq(ruleSets.storeId, DEMO_STORE_ID));
const savedEvents = () => database.db.select().from(events).where(eq(events.type, "rules.saved"));
const snapshot = async () => ({ sets: await ruleSetRows(), events: (await savedEvents()).length });

const stricter = JSON.stringify(
  DEFAULT_RULES.map((r) => (r.id === "cancel-unfulfilled" ? { ...r, outcome: "review" } : r)),
  null,
  2,
);

describe("save rules action", () => {
  it("refuses a viewer and an agent and changes nothing", async () => {
    const before = await snapshot();
    for (const role of ["viewer", "agent"] as const) {
      await signInAs(role);
      const result = await saveRulesAction({ rules: stricter, note: "Stricter cancellations" });
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    sessionToken = undefined;
    expect(await saveRulesAction({ rules: stricter, note: "No session" })).toMatchObject({
      ok: false,
      code: "unauthorized",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses invalid rules and bad JSON with field errors and changes nothing", async () => {
    await signInAs("owner");
    const before = await snapshot();
    const invalid = JSON.stringify([
      { ...DEFAULT_RULES[0], id: "Bad_Id" },
      DEFAULT_RULES[1],
      { ...DEFAULT_RULES[2], when: [{ field: "amount", op: "gt", value: "lots" }] },
      { ...DEFAULT_RULES[3], outcome: "decline", shopperMessage: undefined },
    ]);
    const result = await saveRulesAction({ rules: invalid, note: "Broken" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid_input");
    expect(result.fieldErrors?.["0.id"]).toEqual(["use lower-case letters, digits and dashes"]);
    expect(Object.keys(result.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["0.id", "2.when.0.value", "3.shopperMessage"]),
    );

    const badJson = await saveRulesAction({ rules: '[{ "id": ', note: "Broken" });
    expect(badJson).toMatchObject({ ok: false, code: "invalid_input" });
    expect(!badJson.ok && badJson.fieldErrors?.rules?.[0]).toMatch(/not valid JSON/);

    const noNote = await saveRulesAction({ rules: stricter, note: " " });
    expect(!noNote.ok && noNote.fieldErrors?.note).toBeTruthy();
    expect(await snapshot()).toEqual(before);
  });

  it("saves a valid set as version 2 for an owner, live and audited", async () => {
    await signInAs("owner");
    const result = await saveRulesAction({ rules: stricter, note: "Stricter cancellations" });
    expect(result).toEqual({ ok: true, data: { version: 2 } });
    const live = await getLiveRuleSet(database.db, DEMO_STORE_ID);
    expect(live.version).toBe(2);
    expect(live.rules.find((r) => r.id === "cancel-unfulfilled")?.outcome).toBe("review");
    const sets = await ruleSetRows();
    expect(sets.filter((s) => s.live).map((s) => s.version)).toEqual([2]);
    expect(sets.find((s) => s.version === 2)).toMatchObject({
      note: "Stricter cancellations",
      createdById: staff.owner.id,
    });
    expect((await savedEvents()).at(-1)).toMatchObject({
      actorType: "staff",
      actorId: staff.owner.id,
      data: { version: 2, count: DEFAULT_RULES.length, note: "Stricter cancellations" },
    });
  });
});

describe("simulate rules action", () => {
  it("returns totals equal to a direct computation over its rows, for a viewer, and saves nothing", async () => {
    await signInAs("viewer");
    const before = await snapshot();
    const draft = JSON.stringify(DEFAULT_RULES.map((r) => ({ ...r, outcome: "auto_approve" })).slice(0, 1));
    const result = await simulateRulesAction({ rules: draft, limit: "200" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { rows, live, draft: drafted } = result.data;
    expect(rows.length).toBeGreaterThan(0);
    for (const [side, totals] of [
      ["live", live],
      ["draft", drafted],
    ] as const) {
      const auto = rows.filter((r) => r[side].outcome === "auto_approve");
      expect(totals).toEqual({
        count: rows.length,
        autoApproved: auto.length,
        autoRefundAmount: auto.reduce((sum, r) => sum + r.amount, 0),
        review: rows.filter((r) => r[side].outcome === "review").length,
        decline: rows.filter((r) => r[side].outcome === "decline").length,
      });
    }
    expect(rows.some((r) => r.changed)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it("bounds the number of requests replayed", async () => {
    await signInAs("viewer");
    const result = await simulateRulesAction({ rules: stricter, limit: "5001" });
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    expect(!result.ok && result.fieldErrors?.limit).toBeTruthy();
  });
});
