"use server";
// Console actions on requests. Deciding needs an agent; an owner may also approve above the
// store's maximum refund per order (agents and rules may not).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { isDomainError } from "@/lib/errors";
import { addRequestNote, approveRequest, declineRequest, markItemReceived } from "@/lib/requests/commands";
import { approveRequestSchema, declineRequestSchema } from "@/lib/requests/schemas";
import { runStaffAction } from "./staff-action";

const refreshConsole = () => revalidatePath("/merchant", "layout");

export async function approveRequestAction(input: z.input<typeof approveRequestSchema>) {
  return runStaffAction("agent", approveRequestSchema, input, async (data, { db, staff }) => {
    const result = await approveRequest(db, data, staff.actor, {
      allowAboveStoreMax: hasRole(staff.role, "owner"),
    });
    refreshConsole();
    return result;
  });
}

export async function declineRequestAction(input: z.input<typeof declineRequestSchema>) {
  return runStaffAction("agent", declineRequestSchema, input, async (data, { db, staff }) => {
    await declineRequest(db, data, staff.actor);
    refreshConsole();
    return null;
  });
}

const noteSchema = z
  .object({
    requestId: z.uuid(),
    body: z.string().trim().min(1, "Write a note").max(4000, "Use at most 4000 characters"),
  })
  .strict();

export async function addRequestNoteAction(input: z.input<typeof noteSchema>) {
  return runStaffAction("agent", noteSchema, input, async (data, { db, staff }) => {
    await addRequestNote(db, data, staff.actor);
    refreshConsole();
    return null;
  });
}

const requestIdSchema = z.object({ requestId: z.uuid() }).strict();

export async function markItemReceivedAction(input: z.input<typeof requestIdSchema>) {
  return runStaffAction("agent", requestIdSchema, input, async (data, { db, staff }) => {
    const result = await markItemReceived(db, data, staff.actor);
    refreshConsole();
    return result;
  });
}

const bulkSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve"), requestIds: z.array(z.uuid()).min(1).max(100) }).strict(),
  z
    .object({
      decision: z.literal("decline"),
      requestIds: z.array(z.uuid()).min(1).max(100),
      message: z.string().trim().min(3, "Tell the shoppers why").max(1000),
    })
    .strict(),
]);

export type BulkOutcome = { decided: string[]; failed: { requestId: string; message: string }[] };

/** Decides each request on its own: one that was decided meanwhile does not stop the rest. */
export async function bulkDecideAction(input: z.input<typeof bulkSchema>) {
  return runStaffAction("agent", bulkSchema, input, async (data, { db, staff }): Promise<BulkOutcome> => {
    const outcome: BulkOutcome = { decided: [], failed: [] };
    for (const requestId of new Set(data.requestIds)) {
      try {
        if (data.decision === "approve") {
          await approveRequest(db, { requestId }, staff.actor, {
            allowAboveStoreMax: hasRole(staff.role, "owner"),
          });
        } else {
          await declineRequest(db, { requestId, message: data.message }, staff.actor);
        }
        outcome.decided.push(requestId);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        outcome.failed.push({ requestId, message: error.message });
      }
    }
    refreshConsole();
    return outcome;
  });
}
