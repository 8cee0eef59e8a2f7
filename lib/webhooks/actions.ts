"use server";
// Owner console actions on webhook endpoints. The secret comes back once, from create.
import { revalidatePath } from "next/cache";
import { runStaffAction } from "@/lib/console/staff-action";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  redeliverWebhook,
  setWebhookEndpointEnabled,
} from "./commands";
import {
  createWebhookEndpointSchema,
  deliveryIdSchema,
  endpointIdSchema,
  setEndpointEnabledSchema,
} from "./schemas";
import type { z } from "zod";

const refresh = () => revalidatePath("/merchant/webhooks", "layout");

export async function createWebhookEndpointAction(input: z.input<typeof createWebhookEndpointSchema>) {
  return runStaffAction("owner", createWebhookEndpointSchema, input, async (data, { db, staff, store }) => {
    const created = await createWebhookEndpoint(db, data, { actor: staff.actor, storeId: store.id });
    refresh();
    return created;
  });
}

export async function setWebhookEndpointEnabledAction(input: z.input<typeof setEndpointEnabledSchema>) {
  return runStaffAction("owner", setEndpointEnabledSchema, input, async (data, { db, staff, store }) => {
    await setWebhookEndpointEnabled(db, data, { actor: staff.actor, storeId: store.id });
    refresh();
    return null;
  });
}

export async function deleteWebhookEndpointAction(input: z.input<typeof endpointIdSchema>) {
  return runStaffAction("owner", endpointIdSchema, input, async (data, { db, staff, store }) => {
    await deleteWebhookEndpoint(db, data, { actor: staff.actor, storeId: store.id });
    refresh();
    return null;
  });
}

export async function redeliverWebhookAction(input: z.input<typeof deliveryIdSchema>) {
  return runStaffAction("owner", deliveryIdSchema, input, async (data, { db, staff, store }) => {
    await redeliverWebhook(db, data, { actor: staff.actor, storeId: store.id });
    refresh();
    return null;
  });
}
