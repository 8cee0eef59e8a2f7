"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runStaffAction } from "@/lib/console/staff-action";
import { changeStaffRole, createStaffUser, resetStaffPassword, setStaffDisabled } from "./commands";
import { changeRoleSchema, createStaffSchema, resetPasswordSchema, setStaffDisabledSchema } from "./schemas";

const STAFF_PAGE = "/merchant/staff";

export async function createStaffAction(input: z.input<typeof createStaffSchema>) {
  return runStaffAction("owner", createStaffSchema, input, async (data, { db, store, staff }) => {
    const result = await createStaffUser(db, store.id, data, staff.actor);
    revalidatePath(STAFF_PAGE);
    return result;
  });
}

export async function changeStaffRoleAction(input: z.input<typeof changeRoleSchema>) {
  return runStaffAction("owner", changeRoleSchema, input, async (data, { db, store, staff }) => {
    await changeStaffRole(db, store.id, data, staff.actor);
    revalidatePath(STAFF_PAGE);
    return null;
  });
}

export async function setStaffDisabledAction(input: z.input<typeof setStaffDisabledSchema>) {
  return runStaffAction("owner", setStaffDisabledSchema, input, async (data, { db, store, staff }) => {
    await setStaffDisabled(db, store.id, data, staff.actor);
    revalidatePath(STAFF_PAGE);
    return null;
  });
}

export async function resetStaffPasswordAction(input: z.input<typeof resetPasswordSchema>) {
  return runStaffAction("owner", resetPasswordSchema, input, async (data, { db, store, staff }) => {
    await resetStaffPassword(db, store.id, data, staff.actor);
    return null;
  });
}
