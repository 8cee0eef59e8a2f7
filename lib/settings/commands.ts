// Settings slice: owns the store's settings row. Every save is validated as a whole (nothing
// changes when one field is wrong) and audited with what changed, from and to.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { stores } from "@/lib/db/schema";
import { DomainError, zodFieldErrors } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import { type StoreSettings, type StoreSettingsInput, storeSettingsSchema } from "./schemas";

const FIELDS = [
  "name",
  "timeZone",
  "returnWindowDays",
  "shipBySlaDays",
  "maxRefundPerOrder",
  "autoRefundEnabled",
  "arrivalWindows",
  "holidays",
  "locales",
  "defaultLocale",
  "returnAddress",
] as const satisfies readonly (keyof StoreSettings)[];

export async function updateStoreSettings(
  db: DbOrTx,
  storeId: string,
  raw: StoreSettingsInput,
  actor: Actor,
): Promise<{ changed: string[] }> {
  const parsed = storeSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(
      "invalid_input",
      "Some settings are not valid.",
      zodFieldErrors(parsed.error.issues),
    );
  }
  const next = parsed.data;
  return db.transaction(async (tx) => {
    const [store] = await tx.select().from(stores).where(eq(stores.id, storeId)).for("update");
    if (!store) throw new DomainError("not_found", "No such store.");
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of FIELDS) {
      if (next[field] === undefined) continue;
      if (JSON.stringify(store[field]) !== JSON.stringify(next[field])) {
        changes[field] = { from: store[field], to: next[field] };
      }
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return { changed };
    await tx
      .update(stores)
      .set({
        ...Object.fromEntries(changed.map((f) => [f, next[f as keyof StoreSettings]])),
        updatedAt: new Date(),
      })
      .where(eq(stores.id, storeId));
    await recordEvent(tx, {
      storeId,
      subjectType: "store",
      subjectId: storeId,
      actor,
      type: "store.settings_updated",
      data: { changes },
    });
    return { changed };
  });
}
