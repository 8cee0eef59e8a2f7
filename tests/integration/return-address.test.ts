// Issue 16, item 10: an approved return says where to send the parcel. The store's return address
// is a setting (validated, audited), and the approval e-mails, the policy and the order page all
// show it; without one, the shopper is asked to reply for it — never pointed at a page or a packing
// slip that does not have it.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { events, notifications, stores } from "@/lib/db/schema";
import { DEMO_STORE, DEMO_STORE_ID } from "@/lib/demo/catalog";
import { DomainError } from "@/lib/errors";
import { getPolicy } from "@/lib/policy/queries";
import { submitRequest } from "@/lib/requests/commands";
import { updateStoreSettings } from "@/lib/settings/commands";
import type { StoreSettingsInput } from "@/lib/settings/schemas";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { formToken, orderByNumber } from "../fixtures/engine";

process.env.AUTH_SECRET ??= "return-address-test-secret-0123456789abcdef";
process.env.AUTH_URL ??= "https://returns.nordlys.example";

const OWNER = { type: "staff" as const, id: "00000000-0000-4000-8000-000000000001" };

let database: Database;
let db: Database["db"];
beforeEach(async () => {
  database = await createDemoDatabase({ generated: 0 });
  db = database.db;
});
afterEach(async () => {
  await database.close();
});

const store = async () => (await db.select().from(stores).where(eq(stores.id, DEMO_STORE_ID)))[0]!;

/** The console form as it posts, with the return address fields as typed. */
const form = (returnAddress: Record<string, string>): StoreSettingsInput => ({
  name: "Nordlys Supply",
  timeZone: "Europe/Oslo",
  returnWindowDays: "30",
  shipBySlaDays: "3",
  maxRefundPerOrder: "20000.00",
  autoRefundEnabled: true,
  arrivalWindows: { card: ["5", "10"], wallet: ["1", "3"], bank_transfer: ["3", "5"] },
  holidays: DEMO_STORE.holidays.join("\n"),
  locales: ["en", "nb", "zh"],
  defaultLocale: "en",
  returnAddress: { name: "", line1: "", line2: "", postalCode: "", city: "", country: "", ...returnAddress },
});

async function refused(input: StoreSettingsInput): Promise<DomainError> {
  try {
    await updateStoreSettings(db, DEMO_STORE_ID, input, OWNER);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the settings to be refused");
}

/** #1002 (delivered, English): the jacket goes back; the return-in-window rule approves it. */
async function returnJacket() {
  const order = await orderByNumber(db, "1002");
  const jacket = order.lines.find((l) => l.sku === "NS-JACKET-L")!;
  const result = await submitRequest(
    db,
    {
      orderId: order.id,
      type: "return",
      lines: [{ lineItemId: jacket.id, quantity: 1 }],
      reasonCode: "doesnt_fit",
      idempotencyKey: formToken(),
    },
    { type: "shopper" },
    { now: TEST_NOW },
  );
  expect(result.status).toBe("awaiting_item");
  return db.select().from(notifications).where(eq(notifications.orderId, order.id));
}

describe("the return address setting", () => {
  it("the demo store has a Norwegian return address", async () => {
    expect((await store()).returnAddress).toMatchObject({ postalCode: "1081", city: "Oslo", country: "NO" });
  });

  it("saves a valid address, normalised, and records the change in the audit log", async () => {
    const result = await updateStoreSettings(
      db,
      DEMO_STORE_ID,
      form({
        name: "Nordlys Retur",
        line1: "Kongens gate 1",
        postalCode: "7011",
        city: "Trondheim",
        country: "no",
      }),
      OWNER,
    );
    expect(result.changed).toEqual(["returnAddress"]);
    expect((await store()).returnAddress).toEqual({
      name: "Nordlys Retur",
      line1: "Kongens gate 1",
      postalCode: "7011",
      city: "Trondheim",
      country: "NO",
    });
    const [event] = await db.select().from(events).where(eq(events.type, "store.settings_updated"));
    expect(Object.keys((event!.data as { changes: object }).changes)).toEqual(["returnAddress"]);
  });

  it("refuses a wrong postal code, an unknown country and missing lines field by field, changing nothing", async () => {
    const before = await store();
    const error = await refused(
      form({ name: "Nordlys Retur", line1: "", postalCode: "70111", city: "Trondheim", country: "NO" }),
    );
    expect(error.fieldErrors).toMatchObject({
      "returnAddress.line1": ["Enter the street address"],
      "returnAddress.postalCode": ["Enter a postal code such as 0150"],
    });
    const country = await refused(
      form({ name: "X", line1: "Street 1", postalCode: "1234", city: "Town", country: "XX" }),
    );
    expect(country.fieldErrors).toHaveProperty("returnAddress.country");
    expect(await store()).toEqual(before);
  });

  it("clears the address when every field is empty; leaving the field out keeps it", async () => {
    const { returnAddress, ...withoutAddress } = form({});
    expect(returnAddress).toBeDefined();
    expect((await updateStoreSettings(db, DEMO_STORE_ID, withoutAddress, OWNER)).changed).toEqual([]);
    expect((await store()).returnAddress).not.toBeNull();
    await updateStoreSettings(db, DEMO_STORE_ID, form({}), OWNER);
    expect((await store()).returnAddress).toBeNull();
  });
});

describe("an approved return says where to send it", () => {
  it("the approval and the instructions e-mails carry the address, not a pointer to the policy page", async () => {
    const mails = await returnJacket();
    expect(mails.map((m) => m.template).sort()).toEqual(["request_approved", "return_instructions"]);
    for (const mail of mails) {
      expect(mail.text).toContain("Nordlys Supply AS – Returlager\nStrømsveien 314\n1081 Oslo\nNorway");
      expect(mail.html).toContain("Strømsveien 314<br>1081 Oslo<br>Norway");
      expect(mail.text).not.toMatch(/policy page|packing slip/i);
    }
    expect(mails.find((m) => m.template === "return_instructions")!.text).toContain(
      "2. Send the parcel to the address below.",
    );
  });

  it("a store without an address asks the shopper to reply for it instead of inventing one", async () => {
    await db.update(stores).set({ returnAddress: null }).where(eq(stores.id, DEMO_STORE_ID));
    const mails = await returnJacket();
    for (const mail of mails) {
      expect(mail.text).toMatch(/Reply to this e-mail and we will tell you where to send/);
      expect(mail.text).not.toMatch(/policy page|packing slip|Strømsveien/i);
    }
  });

  it("/policy shows the address in the reader's language", async () => {
    expect((await getPolicy(db, "nb", TEST_NOW)).returnAddress).toEqual([
      "Nordlys Supply AS – Returlager",
      "Strømsveien 314",
      "1081 Oslo",
      "Norge",
    ]);
    await db.update(stores).set({ returnAddress: null }).where(eq(stores.id, DEMO_STORE_ID));
    expect((await getPolicy(db, "en", TEST_NOW)).returnAddress).toBeNull();
  });
});
