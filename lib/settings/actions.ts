"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runStaffAction } from "@/lib/console/staff-action";
import { pauseAutomation, resumeAutomation } from "@/lib/rules/breaker";
import { updateStoreSettings } from "./commands";
import { pauseAutomationSchema, storeSettingsSchema } from "./schemas";

export async function updateStoreSettingsAction(input: z.input<typeof storeSettingsSchema>) {
  // The command validates again; parsing here turns bad input into field errors before any work.
  return runStaffAction("owner", storeSettingsSchema, input, async (_data, { db, store, staff }) => {
    const result = await updateStoreSettings(db, store.id, input, staff.actor);
    revalidatePath("/merchant", "layout");
    return result;
  });
}

export async function pauseAutomationAction(input: z.input<typeof pauseAutomationSchema>) {
  return runStaffAction("owner", pauseAutomationSchema, input, async (data, { db, store, staff }) => {
    await pauseAutomation(db, store.id, data.reason, staff.actor);
    revalidatePath("/merchant", "layout");
    return null;
  });
}

export async function resumeAutomationAction() {
  return runStaffAction("owner", z.object({}).strict(), {}, async (_data, { db, store, staff }) => {
    await resumeAutomation(db, store.id, staff.actor);
    revalidatePath("/merchant", "layout");
    return null;
  });
}
