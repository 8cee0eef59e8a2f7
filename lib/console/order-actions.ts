"use server";
// Console actions on orders and refunds: cancel (also "cancel as fraud"), manual refund,
// retry a failed refund, record an offline refund. All need an agent; only an owner may
// refund above the store's maximum per order or release a failed refund's reservation.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { revokeOrderLinks } from "@/lib/access/order-links";
import { hasRole } from "@/lib/auth/roles";
import { recordEvent } from "@/lib/events/record";
import { retryFailedJob } from "@/lib/jobs/failed";
import { cancelOrder } from "@/lib/orders/commands";
import {
  createManualRefund,
  recordOfflineRefund,
  releaseFailedRefund,
  retryRefund,
} from "@/lib/refunds/commands";
import { DomainError } from "@/lib/errors";
import { appGateways } from "@/lib/refunds/gateways";
import { runStaffAction } from "./staff-action";

const refreshConsole = () => revalidatePath("/merchant", "layout");

const revokeLinksSchema = z.object({ orderId: z.uuid() }).strict();

/** The order's e-mailed links stop opening it (an e-mail reached the wrong person); audited. */
export async function revokeOrderLinksAction(input: z.input<typeof revokeLinksSchema>) {
  return runStaffAction("agent", revokeLinksSchema, input, async (data, { db, staff }) => {
    await revokeOrderLinks(db, data, staff.actor);
    refreshConsole();
    return null;
  });
}

const cancelSchema = z
  .object({
    orderId: z.uuid(),
    reason: z.enum(["customer", "inventory", "fraud", "declined", "other"], "Choose a reason"),
    restock: z.boolean(),
    refund: z.boolean(),
    notifyShopper: z.boolean(),
    note: z.string().trim().max(2000, "Use at most 2000 characters").optional(),
  })
  .strict();

export async function cancelOrderAction(input: z.input<typeof cancelSchema>) {
  return runStaffAction("agent", cancelSchema, input, async (data, { db, staff }) => {
    const result = await cancelOrder(db, { ...data, note: data.note || undefined }, staff.actor, {
      enforceStoreMax: !hasRole(staff.role, "owner"),
    });
    refreshConsole();
    return result;
  });
}

const fraudSchema = z
  .object({
    orderId: z.uuid(),
    note: z.string().trim().min(3, "Say what made this fraud").max(2000),
    notifyShopper: z.boolean(),
  })
  .strict();

/** Cancel as fraud: cancel, refund what was captured and restock, with a note — in one step. */
export async function cancelAsFraudAction(input: z.input<typeof fraudSchema>) {
  return runStaffAction("agent", fraudSchema, input, async (data, { db, staff }) => {
    const result = await cancelOrder(
      db,
      {
        orderId: data.orderId,
        reason: "fraud",
        restock: true,
        refund: true,
        notifyShopper: data.notifyShopper,
        note: data.note,
      },
      staff.actor,
      { enforceStoreMax: !hasRole(staff.role, "owner") },
    );
    refreshConsole();
    return result;
  });
}

const manualRefundSchema = z
  .object({
    orderId: z.uuid(),
    lines: z
      .array(
        z
          .object({
            lineItemId: z.uuid(),
            quantity: z.number().int().min(0),
            restockQuantity: z.number().int().min(0).optional(),
          })
          .strict(),
      )
      .max(500),
    includeShipping: z.boolean(),
    customAmount: z.number().int().positive("Enter more than zero").optional(),
    reason: z.string().trim().min(3, "Give a reason for the refund").max(500),
  })
  .strict();

export async function createManualRefundAction(input: z.input<typeof manualRefundSchema>) {
  return runStaffAction("agent", manualRefundSchema, input, async (data, { db, staff }) => {
    const result = await createManualRefund(db, data, staff.actor, {
      allowAboveStoreMax: hasRole(staff.role, "owner"),
    });
    refreshConsole();
    return result;
  });
}

const refundIdSchema = z.object({ refundId: z.uuid() }).strict();

export async function retryRefundAction(input: z.input<typeof refundIdSchema>) {
  return runStaffAction("agent", refundIdSchema, input, async (data, { db, staff }) => {
    await retryRefund(db, data, staff.actor);
    refreshConsole();
    return null;
  });
}

const offlineSchema = z
  .object({
    refundId: z.uuid(),
    note: z.string().trim().min(3, "Say how the money was paid").max(1000),
  })
  .strict();

export async function recordOfflineRefundAction(input: z.input<typeof offlineSchema>) {
  return runStaffAction("agent", offlineSchema, input, async (data, { db, staff }) => {
    const result = await recordOfflineRefund(db, data, staff.actor, appGateways(db));
    refreshConsole();
    if (result.outcome === "adopted") {
      throw new DomainError(
        "conflict",
        `The gateway had made this refund after all (${result.status}); it is now tracked as sent, and nothing was recorded as paid offline.`,
      );
    }
    return null;
  });
}

const releaseSchema = z
  .object({
    refundId: z.uuid(),
    note: z.string().trim().min(3, "Say why the reservation is released").max(1000),
  })
  .strict();

/** Owner only: a failed refund stops holding its amount and units (audited with the note). */
export async function releaseFailedRefundAction(input: z.input<typeof releaseSchema>) {
  return runStaffAction("owner", releaseSchema, input, async (data, { db, staff }) => {
    await releaseFailedRefund(db, data, staff.actor);
    refreshConsole();
    return null;
  });
}

const jobIdSchema = z.object({ jobId: z.uuid() }).strict();

/** Sends a job that used up its retries round again (e.g. a refund submission after an outage). */
export async function retryJobAction(input: z.input<typeof jobIdSchema>) {
  return runStaffAction("agent", jobIdSchema, input, async (data, { db, store, staff }) => {
    await retryFailedJob(db, data.jobId);
    await recordEvent(db, {
      storeId: store.id,
      subjectType: "store",
      subjectId: store.id,
      actor: staff.actor,
      type: "job.retried",
      data: { jobId: data.jobId },
    });
    refreshConsole();
    return null;
  });
}
