import * as z from "zod";
import { optionalId } from "~/lib/form-fields";
import { loginSchema, passwordSchema } from "~/modules/admin/users.schema";
import { readsOneCity } from "~/modules/auth/policy";

// The province admin's form for the province's own accounts (decision 020). Messages are dictionary keys.

/** The accounts the province admin gives: the province's leaders and the cities' leaders. */
export const PROVINCE_ACCOUNT_ROLES = ["province_leader", "city_leader"] as const;

export const createProvinceAccountSchema = z
  .object({
    login: loginSchema,
    displayName: z.string().trim().min(1, "validation.required").max(40, "validation.tooLong"),
    role: z.enum(PROVINCE_ACCOUNT_ROLES, "validation.required"),
    cityId: optionalId,
    password: passwordSchema,
  })
  .superRefine((value, ctx) => {
    // A city leader reads their city's zones: without a city they would read nothing.
    if (readsOneCity(value) && value.cityId === undefined) {
      ctx.addIssue({ code: "custom", path: ["cityId"], message: "province.accounts.cityRequired" });
    }
  });

export type CreateProvinceAccountInput = z.infer<typeof createProvinceAccountSchema>;
