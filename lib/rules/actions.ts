"use server";
// The Rules page's two actions. Simulating reads only (viewer and up); saving makes a new live
// version and is owner-only. Both take the editor's raw JSON text so bad JSON is a field error.
import { z } from "zod";
import { runStaffAction } from "@/lib/console/staff-action";
import { dryRun } from "./dry-run";
import { saveRuleSet } from "./rule-sets";

// A "use server" file exports only async functions; the editor repeats this bound in its input.
const SIMULATE_MAX = 5000;

const rulesJsonSchema = z
  .string()
  .max(500_000, "the rules are too long")
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        message: `not valid JSON (${error instanceof Error ? error.message : "parse error"})`,
      });
      return z.NEVER;
    }
  });

const simulateSchema = z
  .object({ rules: rulesJsonSchema, limit: z.coerce.number().int().min(1).max(SIMULATE_MAX) })
  .strict();

const saveSchema = z
  .object({ rules: rulesJsonSchema, note: z.string().trim().min(3, "say what changed").max(200) })
  .strict();

export async function simulateRulesAction(input: z.input<typeof simulateSchema>) {
  return runStaffAction("viewer", simulateSchema, input, ({ rules, limit }, { db, store }) =>
    dryRun(db, store.id, rules, { limit }),
  );
}

export async function saveRulesAction(input: z.input<typeof saveSchema>) {
  // No revalidatePath: the editor refreshes the page itself after a successful save.
  return runStaffAction("owner", saveSchema, input, ({ rules, note }, { db, store, staff }) =>
    saveRuleSet(db, store.id, rules, staff.actor, note),
  );
}
