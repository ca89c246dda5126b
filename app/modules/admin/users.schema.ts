import * as z from "zod";
import { ZONE_USER_ROLES } from "~/lib/domain-values";
import { companyOfRole } from "~/modules/auth/policy";
import { MAX_ID } from "~/lib/result";

// Messages are dictionary keys; the form translates them.
export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.]{2,31}$/, "validation.loginFormat");

export const passwordSchema = z.string().min(10, "validation.passwordLength").max(128, "validation.passwordLength");

const companyIdSchema = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? undefined : v),
  z.coerce.number().int().positive().max(MAX_ID).optional(),
);

const userDetailsShape = {
  displayName: z.string().trim().min(1, "validation.required").max(40, "validation.tooLong"),
  // A zone's admin gives zone roles only: a province role is made by the province (decision 019).
  role: z.enum(ZONE_USER_ROLES, "validation.required"),
  companyId: companyIdSchema,
};

// Staff and managers belong to a company; leaders belong to the committee and admins to none (set by the server).
function companyMatchesRole(value: { role: string; companyId?: number }, ctx: z.RefinementCtx) {
  const needsCompany = companyOfRole(value) === "company";
  if (needsCompany && !value.companyId) {
    ctx.addIssue({ code: "custom", path: ["companyId"], message: "validation.companyRequired" });
  }
}

export const createUserSchema = z.object({ login: loginSchema, password: passwordSchema, ...userDetailsShape }).superRefine(companyMatchesRole);

export const updateUserSchema = z.object(userDetailsShape).superRefine(companyMatchesRole);

export const resetPasswordSchema = z.object({ password: passwordSchema });

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
