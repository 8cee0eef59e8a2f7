// The one path every console server action takes: who is asking and may they → input schema
// → command → a Result value. A refused caller gets a value back and nothing runs; errors a
// user can cause come back as values with field errors; programming errors still throw.
import "server-only";
import type { z } from "zod";
import { authorizeStaff, type StaffSession } from "@/lib/auth/session";
import type { StaffRole } from "@/lib/auth/roles";
import { type Db, getDb } from "@/lib/db";
import { isDomainError, type Result, zodFieldErrors } from "@/lib/errors";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/text";
import { getStoreOrThrow, type Store } from "@/lib/settings/queries";

export type ActionContext = { staff: StaffSession; db: Db; store: Store };

export async function runStaffAction<S extends z.ZodType, T>(
  minRole: StaffRole,
  schema: S,
  raw: unknown,
  run: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
): Promise<Result<T>> {
  const who = await authorizeStaff(minRole);
  if (!who.ok) return who;
  const unstorable = findUnstorableText(raw);
  const parsed = schema.safeParse(raw);
  if (unstorable || !parsed.success) {
    return {
      ok: false,
      code: "invalid_input",
      message: "Check the highlighted fields.",
      fieldErrors: zodFieldErrors(
        unstorable ? [{ path: unstorable, message: UNSTORABLE_TEXT_MESSAGE }] : parsed.error!.issues,
      ),
    };
  }
  const db = await getDb();
  try {
    const data = await run(parsed.data, { staff: who.data, db, store: await getStoreOrThrow(db) });
    return { ok: true, data };
  } catch (error) {
    if (isDomainError(error)) {
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    }
    throw error;
  }
}
