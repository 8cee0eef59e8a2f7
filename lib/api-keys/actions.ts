"use server";
// Owner console actions on API keys. The plain key comes back once, from create.
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runStaffAction } from "@/lib/console/staff-action";
import { createApiKey, revokeApiKey } from "./commands";
import { createApiKeySchema, revokeApiKeySchema } from "./schemas";

export async function createApiKeyAction(input: z.input<typeof createApiKeySchema>) {
  return runStaffAction("owner", createApiKeySchema, input, async (data, { db, staff, store }) => {
    const created = await createApiKey(db, data, staff.actor, store.id);
    revalidatePath("/merchant/api-keys");
    return created;
  });
}

export async function revokeApiKeyAction(input: z.input<typeof revokeApiKeySchema>) {
  return runStaffAction("owner", revokeApiKeySchema, input, async (data, { db, staff, store }) => {
    await revokeApiKey(db, data, staff.actor, store.id);
    revalidatePath("/merchant/api-keys");
    return null;
  });
}
