import "server-only";
import { localDate } from "@/lib/calendar/business-days";
import type { DbOrTx } from "@/lib/db";
import { getLiveRuleSet } from "@/lib/rules/rule-sets";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { buildPolicy, type Policy } from "./model";

/** The policy page's data, read fresh from the live store row and the live rule set. */
export async function getPolicy(db: DbOrTx, locale: string, now = new Date()): Promise<Policy> {
  const store = await getStoreOrThrow(db);
  const live = await getLiveRuleSet(db, store.id);
  return buildPolicy(store, live, locale, localDate(now, store.timeZone));
}
