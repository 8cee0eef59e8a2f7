"use server";
// Staff release a refund held by a dispute.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runStaffAction } from "@/lib/console/staff-action";
import type { Result } from "@/lib/errors";
import { releaseRefundHold } from "./commands";

const releaseSchema = z
  .object({ refundId: z.uuid(), note: z.string().trim().min(3, "Say why the refund may go on").max(1000) })
  .strict();

export async function releaseHoldAction(input: z.input<typeof releaseSchema>): Promise<Result<null>> {
  const result = await runStaffAction("agent", releaseSchema, input, async (parsed, { db, staff }) => {
    await releaseRefundHold(db, parsed, { type: "staff", id: staff.id });
    return null;
  });
  if (result.ok) revalidatePath("/merchant/withdrawals/refund-issues");
  return result;
}
