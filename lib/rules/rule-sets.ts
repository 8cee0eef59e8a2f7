// Live and saved rule sets. Saving creates a new version and makes it live, audited;
// decisions cite the version they were made under.
import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { remember, readOnce } from "@/lib/db/batched";
import { ruleSets, stores } from "@/lib/db/schema";
import { DomainError, zodFieldErrors } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import { DEFAULT_RULES } from "./default-policy";
import { type Rule, ruleListSchema } from "./schemas";

export type LiveRuleSet = { version: number; rules: Rule[] };

type StoredRuleSet = { version: number; rules: unknown };

const liveKey = (storeId: string) => `live-rule-set:${storeId}`;

/**
 * The store's live rule set as a column of a statement that reads the store row anyway (the
 * intake's order lock): `rememberLiveRuleSet` then spares the transaction getLiveRuleSet's read.
 */
export const liveRuleSetColumn = sql<StoredRuleSet | null>`(
  select json_build_object('version', ${ruleSets.version}, 'rules', ${ruleSets.rules}) from ${ruleSets}
  where ${ruleSets.storeId} = ${stores.id} and ${ruleSets.live} limit 1)`;

export function rememberLiveRuleSet(tx: DbOrTx, storeId: string, stored: StoredRuleSet | null) {
  remember(tx, liveKey(storeId), stored);
}

/** The live rule set; read once per batched transaction (see withBatchedWrites). */
export async function getLiveRuleSet(db: DbOrTx, storeId: string): Promise<LiveRuleSet> {
  const row = await readOnce(db, liveKey(storeId), async () => {
    const [stored] = await db
      .select({ version: ruleSets.version, rules: ruleSets.rules })
      .from(ruleSets)
      .where(and(eq(ruleSets.storeId, storeId), eq(ruleSets.live, true)))
      .limit(1);
    return stored ?? null;
  });
  if (!row) return { version: 0, rules: [] };
  return { version: row.version, rules: ruleListSchema.parse(row.rules) };
}

export async function listRuleSetVersions(db: DbOrTx, storeId: string) {
  return db
    .select({
      version: ruleSets.version,
      live: ruleSets.live,
      note: ruleSets.note,
      createdAt: ruleSets.createdAt,
      createdById: ruleSets.createdById,
    })
    .from(ruleSets)
    .where(eq(ruleSets.storeId, storeId))
    .orderBy(desc(ruleSets.version));
}

export function parseRules(raw: unknown): Rule[] {
  const parsed = ruleListSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError("invalid_input", "The rules are not valid.", zodFieldErrors(parsed.error.issues));
  }
  return parsed.data;
}

/** Saves a new version and makes it live; the previous version stays for the record. */
export async function saveRuleSet(db: DbOrTx, storeId: string, raw: unknown, actor: Actor, note?: string) {
  const rules = parseRules(raw);
  return db.transaction(async (tx) => {
    // Serialise saves per store: the version number is taken under this lock.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rule_sets:${storeId}`}))`);
    const [latest] = await tx
      .select({ version: ruleSets.version })
      .from(ruleSets)
      .where(eq(ruleSets.storeId, storeId))
      .orderBy(desc(ruleSets.version))
      .limit(1);
    const version = (latest?.version ?? 0) + 1;
    await tx
      .update(ruleSets)
      .set({ live: false })
      .where(and(eq(ruleSets.storeId, storeId), eq(ruleSets.live, true)));
    await tx
      .insert(ruleSets)
      .values({ storeId, version, rules, live: true, note, createdById: actor.id ?? null });
    await recordEvent(tx, {
      storeId,
      subjectType: "store",
      subjectId: storeId,
      actor,
      type: "rules.saved",
      data: { version, count: rules.length, note: note ?? null },
    });
    return { version };
  });
}

export async function ensureDefaultRuleSet(db: DbOrTx, storeId: string, actor: Actor) {
  const live = await getLiveRuleSet(db, storeId);
  if (live.version > 0) return live;
  await saveRuleSet(db, storeId, DEFAULT_RULES, actor, "Default policy");
  return getLiveRuleSet(db, storeId);
}
