import { z } from "zod";
import { STAFF_ROLES } from "@/lib/db/schema";

export const staffEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid e-mail address").max(254));

export const staffPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const createStaffSchema = z
  .object({
    email: staffEmailSchema,
    name: z.string().trim().max(120, "Use at most 120 characters").optional(),
    role: z.enum(STAFF_ROLES, "Choose a role"),
    password: staffPasswordSchema,
  })
  .strict();
export type CreateStaffInput = z.input<typeof createStaffSchema>;

export const changeRoleSchema = z
  .object({ staffId: z.uuid(), role: z.enum(STAFF_ROLES, "Choose a role") })
  .strict();

export const setStaffDisabledSchema = z.object({ staffId: z.uuid(), disabled: z.boolean() }).strict();

export const resetPasswordSchema = z.object({ staffId: z.uuid(), password: staffPasswordSchema }).strict();
