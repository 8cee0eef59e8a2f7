// Store settings on a real database: a valid save changes the row and records what changed;
// every kind of bad input comes back as field errors and changes nothing, not even partly.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { events, stores } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { DomainError } from "@/lib/errors";
import { updateStoreSettings } from "@/lib/settings/commands";
import type { StoreSettingsInput } from "@/lib/settings/schemas";
import { createDemoDatabase } from "../fixtures/db";

const OWNER = { type: "staff" as const, id: "00000000-0000-4000-8000-000000000001" };

let database: Database;
beforeAll(async () => {
  database = await createDemoDatabase({ generated: 0 });
});
afterAll(async () => {
  await database.close();
});

const store = async () => (await database.db.select().from(stores).where(eq(stores.id, DEMO_STORE_ID)))[0]!;
const settingsEvents = () =>
  database.db.select().from(events).where(eq(events.type, "store.settings_updated"));

/** The form as the console sends it: strings from inputs. */
const valid = (): StoreSettingsInput => ({
  name: "Nordlys Supply",
  timeZone: "Europe/Oslo",
  returnWindowDays: "30",
  shipBySlaDays: "3",
  maxRefundPerOrder: "20000.00",
  autoRefundEnabled: true,
  arrivalWindows: { card: ["5", "10"], wallet: ["1", "3"], bank_transfer: ["3", "5"] },
  holidays: "2026-12-25\n2026-12-24\n2026-12-25",
  locales: ["en", "nb", "zh"],
  defaultLocale: "en",
});

async function rejected(input: StoreSettingsInput): Promise<DomainError> {
  try {
    await updateStoreSettings(database.db, DEMO_STORE_ID, input, OWNER);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the settings to be refused");
}

describe("store settings", () => {
  it("saves a valid form and records each change from and to", async () => {
    const before = await settingsEvents();
    const result = await updateStoreSettings(
      database.db,
      DEMO_STORE_ID,
      {
        ...valid(),
        returnWindowDays: "45",
        maxRefundPerOrder: "1 500,50",
        arrivalWindows: { card: ["3", "7"], wallet: ["1", "3"], bank_transfer: ["3", "5"] },
      },
      OWNER,
    );
    expect(result.changed.sort()).toEqual([
      "arrivalWindows",
      "holidays",
      "maxRefundPerOrder",
      "returnWindowDays",
    ]);
    const row = await store();
    expect(row).toMatchObject({
      returnWindowDays: 45,
      maxRefundPerOrder: 150_050,
      arrivalWindows: { card: [3, 7], wallet: [1, 3], bank_transfer: [3, 5] },
      holidays: ["2026-12-24", "2026-12-25"],
    });
    const after = await settingsEvents();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      actorType: "staff",
      actorId: OWNER.id,
      subjectType: "store",
      data: {
        changes: {
          returnWindowDays: { from: 30, to: 45 },
          maxRefundPerOrder: { from: 2_000_000, to: 150_050 },
        },
      },
    });
  });

  it("records nothing when nothing changed", async () => {
    const before = await settingsEvents();
    const current = await store();
    const result = await updateStoreSettings(
      database.db,
      DEMO_STORE_ID,
      {
        ...valid(),
        returnWindowDays: String(current.returnWindowDays),
        maxRefundPerOrder: "1500.50",
        arrivalWindows: { card: ["3", "7"], wallet: ["1", "3"], bank_transfer: ["3", "5"] },
        holidays: current.holidays,
      },
      OWNER,
    );
    expect(result.changed).toEqual([]);
    expect(await settingsEvents()).toHaveLength(before.length);
  });

  const BAD: [string, Partial<StoreSettingsInput>, string][] = [
    ["a word for a number", { returnWindowDays: "thirty" }, "returnWindowDays"],
    ["a negative return window", { returnWindowDays: "-1" }, "returnWindowDays"],
    ["a zero ship-by SLA", { shipBySlaDays: "0" }, "shipBySlaDays"],
    ["an amount with three decimals", { maxRefundPerOrder: "10.005" }, "maxRefundPerOrder"],
    [
      "an arrival window that ends before it starts",
      { arrivalWindows: { card: ["10", "5"], wallet: ["1", "3"], bank_transfer: ["3", "5"] } },
      "arrivalWindows.card",
    ],
    ["a holiday that is not a date", { holidays: "2026-02-30" }, "holidays"],
    ["an unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone"],
    ["no languages", { locales: [] }, "locales"],
    [
      "a default language the store does not offer",
      { locales: ["nb"], defaultLocale: "en" },
      "defaultLocale",
    ],
    ["an empty store name", { name: "  " }, "name"],
  ];

  it.each(BAD)("refuses %s with a field error and changes nothing", async (_label, patch, field) => {
    const before = await store();
    const eventsBefore = (await settingsEvents()).length;
    // Pair the bad field with a good change: the good one must not be saved either.
    const error = await rejected({ ...valid(), shipBySlaDays: "9", ...patch });
    expect(error.code).toBe("invalid_input");
    expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    expect(await store()).toEqual(before);
    expect(await settingsEvents()).toHaveLength(eventsBefore);
  });
});
