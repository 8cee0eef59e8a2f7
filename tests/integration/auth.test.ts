// Staff sign-in on a real database: the password check, refusals (unknown, wrong, disabled,
// rate limited) and their audit events; session cookies made by next-auth's own encoder and
// read back through the idle and absolute expiry; the role guard every action uses; and the
// e-mail link pieces (who gets a link, tokens that work once).
import { and, eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateStaff, SIGN_IN_LIMIT } from "@/lib/auth/credentials";
import {
  SHOPPER_EMAIL_PROVIDER,
  sendSignInLink,
  signInClaimsForEmail,
  STAFF_EMAIL_PROVIDER,
  verificationTokenAdapter,
} from "@/lib/auth/email-sign-in";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { hasRole } from "@/lib/auth/roles";
import { SESSION_POLICY, type SessionClaims } from "@/lib/auth/session-policy";
import { checkRole, readSessionToken, staffForClaims } from "@/lib/auth/session-token";
import type { Database } from "@/lib/db/client";
import { events, notifications, staffUsers, verificationTokens } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { changeStaffRole, createStaffUser, ensureOwner, setStaffDisabled } from "@/lib/staff/commands";
import { createDemoDatabase } from "../fixtures/db";

process.env.AUTH_SECRET ??= "auth-test-secret-0123456789abcdef0123456789";
const SECRET = "auth-test-secret-0123456789abcdef0123456789";
const OWNER = { type: "system" as const };

let database: Database;
let agentId: string;
let viewerId: string;
beforeAll(async () => {
  database = await createDemoDatabase({ generated: 0 });
  await ensureOwner(database.db, DEMO_STORE_ID, "owner@nordlys.example", "aftercare-demo");
  ({ staffId: agentId } = await createStaffUser(
    database.db,
    DEMO_STORE_ID,
    { email: "Agent@Nordlys.example", name: "Agnes", role: "agent", password: "agent-password-1" },
    OWNER,
  ));
  ({ staffId: viewerId } = await createStaffUser(
    database.db,
    DEMO_STORE_ID,
    { email: "viewer@nordlys.example", role: "viewer", password: "viewer-password-1" },
    OWNER,
  ));
});
afterAll(async () => {
  await database.close();
});

const staffEvents = async (staffId: string, type: string) =>
  database.db
    .select()
    .from(events)
    .where(and(eq(events.subjectType, "staff"), eq(events.subjectId, staffId), eq(events.type, type)));

describe("password check", () => {
  it("stores a salted scrypt hash that verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterz", a)).toBe(false);
    expect(await verifyPassword("anything", "plain-text-in-db")).toBe(false);
  });

  it("signs in a staff member with the right password, whatever the e-mail's case", async () => {
    const result = await authenticateStaff(database.db, {
      email: " AGENT@nordlys.example ",
      password: "agent-password-1",
    });
    expect(result).toEqual({
      ok: true,
      staff: { id: agentId, email: "agent@nordlys.example", name: "Agnes", role: "agent" },
    });
    const [row] = await database.db.select().from(staffUsers).where(eq(staffUsers.id, agentId));
    expect(row!.lastLoginAt).not.toBeNull();
    expect(await staffEvents(agentId, "staff.signed_in")).toHaveLength(1);
  });

  it("refuses a wrong password and records the failed attempt", async () => {
    const result = await authenticateStaff(database.db, {
      email: "viewer@nordlys.example",
      password: "wrong-password",
    });
    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(await staffEvents(viewerId, "staff.sign_in_failed")).toHaveLength(1);
  });

  it("refuses an unknown e-mail the same way as a wrong password", async () => {
    expect(await authenticateStaff(database.db, { email: "nobody@nordlys.example", password: "x" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses a disabled staff member even with the right password", async () => {
    const { staffId } = await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: "leaver@nordlys.example", role: "agent", password: "leaver-password" },
      OWNER,
    );
    await setStaffDisabled(database.db, DEMO_STORE_ID, { staffId, disabled: true }, OWNER);
    expect(
      await authenticateStaff(database.db, { email: "leaver@nordlys.example", password: "leaver-password" }),
    ).toEqual({
      ok: false,
      reason: "disabled",
    });
    expect(await staffEvents(staffId, "staff.sign_in_refused")).toHaveLength(1);
    expect(await staffEvents(staffId, "staff.signed_in")).toHaveLength(0);
  });

  it("stops guessing after the limit, even for the right password", async () => {
    const { staffId } = await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: "target@nordlys.example", role: "viewer", password: "target-password" },
      OWNER,
    );
    for (let i = 0; i < SIGN_IN_LIMIT.limit; i++) {
      expect(
        (await authenticateStaff(database.db, { email: "target@nordlys.example", password: `guess-${i}` }))
          .ok,
      ).toBe(false);
    }
    const refused = await authenticateStaff(database.db, {
      email: "target@nordlys.example",
      password: "target-password",
    });
    expect(refused).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(refused.ok === false && refused.reason === "rate_limited" && refused.retryAfterMs).toBeGreaterThan(
      0,
    );
    expect(await staffEvents(staffId, "staff.signed_in")).toHaveLength(0);

    // Throttled, not locked out: the e-mail link still goes out and still opens a staff session.
    await sendSignInLink(
      database.db,
      STAFF_EMAIL_PROVIDER,
      "target@nordlys.example",
      "http://127.0.0.1:3000/api/auth/callback/staff-email?token=throttled",
    );
    const links = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.to, "target@nordlys.example"), eq(notifications.template, "sign_in_link")));
    expect(links.map((l) => l.text).join()).toContain("token=throttled");
    expect(
      await signInClaimsForEmail(database.db, STAFF_EMAIL_PROVIDER, "target@nordlys.example"),
    ).toMatchObject({
      kind: "staff",
      staffId,
    });
  });

  it("counts only wrong passwords: signing in often never throttles", async () => {
    await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: "busy@nordlys.example", role: "viewer", password: "busy-password-1" },
      OWNER,
    );
    const signIn = (password: string) =>
      authenticateStaff(database.db, { email: "busy@nordlys.example", password, client: "192.0.2.50" });
    for (let i = 0; i < SIGN_IN_LIMIT.limit; i++) expect((await signIn("busy-password-1")).ok).toBe(true);
    for (let i = 0; i < SIGN_IN_LIMIT.limit - 1; i++)
      expect(await signIn("wrong")).toMatchObject({ reason: "invalid" });
    expect((await signIn("busy-password-1")).ok).toBe(true);
  });
});

describe("session cookies and expiry", () => {
  const now = 2_000_000_000;
  const cookie = (claims: Partial<SessionClaims>) =>
    encode({ token: claims, secret: SECRET, maxAge: 30 * 24 * 3600 });
  const staffClaims = (over: Partial<SessionClaims> = {}): SessionClaims => ({
    kind: "staff",
    email: "agent@nordlys.example",
    staffId: agentId,
    role: "agent",
    signedInAt: now - 60,
    lastSeenAt: now - 60,
    ...over,
  });

  it("reads an active staff session and loads the staff member from the database", async () => {
    const claims = await readSessionToken(await cookie(staffClaims()), SECRET, now);
    expect(claims?.staffId).toBe(agentId);
    const staff = await staffForClaims(database.db, claims);
    expect(staff).toMatchObject({ id: agentId, role: "agent", actor: { type: "staff", id: agentId } });
  });

  it("ends a staff session after 30 minutes without activity", async () => {
    const idle = SESSION_POLICY.staff.idleSeconds;
    expect(
      await readSessionToken(await cookie(staffClaims({ lastSeenAt: now - idle + 5 })), SECRET, now),
    ).not.toBeNull();
    expect(
      await readSessionToken(await cookie(staffClaims({ lastSeenAt: now - idle })), SECRET, now),
    ).toBeNull();
  });

  it("ends a staff session 12 hours after sign-in however active it is", async () => {
    const absolute = SESSION_POLICY.staff.absoluteSeconds;
    const token = await cookie(staffClaims({ signedInAt: now - absolute, lastSeenAt: now - 1 }));
    expect(await readSessionToken(token, SECRET, now)).toBeNull();
  });

  it("keeps a shopper session longer than a staff one", async () => {
    const shopper = {
      kind: "shopper" as const,
      email: "ada@example.com",
      signedInAt: now - 86_400,
      lastSeenAt: now - 3600,
    };
    expect(await readSessionToken(await cookie(shopper), SECRET, now)).toMatchObject({
      kind: "shopper",
      email: "ada@example.com",
    });
    expect(await staffForClaims(database.db, shopper)).toBeNull();
  });

  it("refuses a cookie signed with another secret or tampered with", async () => {
    const forged = await encode({
      token: staffClaims({ role: "owner" }),
      secret: "another-secret-0123456789abcdef0123",
      maxAge: 3600,
    });
    expect(await readSessionToken(forged, SECRET, now)).toBeNull();
    const genuine = await cookie(staffClaims());
    expect(await readSessionToken(`${genuine.slice(0, -4)}AAAA`, SECRET, now)).toBeNull();
  });

  it("uses the role the database has now, not the one in the cookie", async () => {
    const claims = await readSessionToken(
      await cookie(staffClaims({ staffId: viewerId, role: "owner" })),
      SECRET,
      now,
    );
    expect((await staffForClaims(database.db, claims))?.role).toBe("viewer");
  });
});

describe("role guard", () => {
  it("orders the roles owner > agent > viewer", () => {
    expect(hasRole("owner", "agent")).toBe(true);
    expect(hasRole("agent", "agent")).toBe(true);
    expect(hasRole("agent", "owner")).toBe(false);
    expect(hasRole("viewer", "agent")).toBe(false);
    expect(hasRole("viewer", "viewer")).toBe(true);
  });

  it("refuses a signed-out caller as unauthorized and a weaker role as forbidden", async () => {
    expect(checkRole(null, "viewer")).toMatchObject({ ok: false, code: "unauthorized" });
    const viewer = await staffForClaims(database.db, {
      kind: "staff",
      email: "viewer@nordlys.example",
      staffId: viewerId,
      role: "viewer",
      signedInAt: 0,
      lastSeenAt: 0,
    });
    expect(checkRole(viewer, "viewer")).toMatchObject({ ok: true });
    expect(checkRole(viewer, "agent")).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("applies a role change and a disable on the very next check", async () => {
    const { staffId } = await createStaffUser(
      database.db,
      DEMO_STORE_ID,
      { email: "rerole@nordlys.example", role: "agent", password: "rerole-password" },
      OWNER,
    );
    const claims: SessionClaims = {
      kind: "staff",
      email: "rerole@nordlys.example",
      staffId,
      role: "agent",
      signedInAt: 0,
      lastSeenAt: 0,
    };
    expect(checkRole(await staffForClaims(database.db, claims), "agent").ok).toBe(true);
    await changeStaffRole(database.db, DEMO_STORE_ID, { staffId, role: "viewer" }, OWNER);
    expect(checkRole(await staffForClaims(database.db, claims), "agent")).toMatchObject({
      code: "forbidden",
    });
    await setStaffDisabled(database.db, DEMO_STORE_ID, { staffId, disabled: true }, OWNER);
    expect(checkRole(await staffForClaims(database.db, claims), "viewer")).toMatchObject({
      code: "unauthorized",
    });
  });
});

describe("e-mail sign-in links", () => {
  const URL_BASE = "http://127.0.0.1:3000/api/auth/callback";
  const queuedTo = (to: string) =>
    database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.to, to), eq(notifications.template, "sign_in_link")));

  it("sends a staff link only to active staff, and a shopper link only to someone with orders", async () => {
    await sendSignInLink(
      database.db,
      STAFF_EMAIL_PROVIDER,
      "Agent@nordlys.example",
      `${URL_BASE}/staff-email?token=t1`,
    );
    await sendSignInLink(
      database.db,
      STAFF_EMAIL_PROVIDER,
      "ada@example.com",
      `${URL_BASE}/staff-email?token=t2`,
    );
    await sendSignInLink(
      database.db,
      SHOPPER_EMAIL_PROVIDER,
      "ada@example.com",
      `${URL_BASE}/shopper-email?token=t3`,
    );
    await sendSignInLink(
      database.db,
      SHOPPER_EMAIL_PROVIDER,
      "stranger@example.com",
      `${URL_BASE}/shopper-email?token=t4`,
    );
    const agent = await queuedTo("agent@nordlys.example");
    expect(agent).toHaveLength(1);
    expect(agent[0]!.text).toContain("token=t1");
    const ada = await queuedTo("ada@example.com");
    expect(ada).toHaveLength(1);
    expect(ada[0]!.text).toContain("token=t3");
    expect(await queuedTo("stranger@example.com")).toHaveLength(0);
  });

  it("opens a staff session only for active staff and a shopper session for any verified e-mail", async () => {
    expect(await signInClaimsForEmail(database.db, STAFF_EMAIL_PROVIDER, "VIEWER@nordlys.example")).toEqual({
      kind: "staff",
      email: "viewer@nordlys.example",
      staffId: viewerId,
      role: "viewer",
    });
    expect(await signInClaimsForEmail(database.db, STAFF_EMAIL_PROVIDER, "ada@example.com")).toBeNull();
    expect(
      await signInClaimsForEmail(database.db, STAFF_EMAIL_PROVIDER, "leaver@nordlys.example"),
    ).toBeNull();
    expect(await signInClaimsForEmail(database.db, SHOPPER_EMAIL_PROVIDER, "Ada@Example.com")).toEqual({
      kind: "shopper",
      email: "ada@example.com",
    });
  });

  it("keeps link tokens in verification_tokens and lets each work once", async () => {
    const adapter = verificationTokenAdapter(async () => database.db);
    const expires = new Date(Date.now() + 3600_000);
    await adapter.createVerificationToken!({
      identifier: "ada@example.com",
      token: "hashed-token-1",
      expires,
    });
    const [first, second] = await Promise.all([
      adapter.useVerificationToken!({ identifier: "ada@example.com", token: "hashed-token-1" }),
      adapter.useVerificationToken!({ identifier: "ada@example.com", token: "hashed-token-1" }),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await database.db.select().from(verificationTokens)).toHaveLength(0);
    expect(
      await adapter.useVerificationToken!({ identifier: "ada@example.com", token: "never-issued" }),
    ).toBeNull();
  });
});
