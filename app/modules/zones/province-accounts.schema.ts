import * as z from "zod";
import { optionalId } from "~/lib/form-fields";
import { loginSchema, passwordSchema } from "~/modules/admin/users.schema";
import { readsOneCity } from "~/modules/auth/policy";

// The province admin's form for the province's own accounts (decision 020). Messages are dictionary keys.

/** The accounts the province admin gives: the province's leaders and the cities' leaders. */
export const PROVINCE_ACCOUNT_ROLES = ["province_leader", "city_leader"] as const;

const accountFields = {
  displayName: z.string().trim().min(1, "validation.required").max(40, "validation.tooLong"),
  role: z.enum(PROVINCE_ACCOUNT_ROLES, "validation.required"),
  cityId: optionalId,
};

/** The fields the new-account and edit forms share (`ProvinceAccountFields`). */
export const provinceAccountFieldsSchema = z.object(accountFields);

/** A city leader reads their city's zones: without a city they would read nothing. */
function cityRequired(value: { role: (typeof PROVINCE_ACCOUNT_ROLES)[number]; cityId?: number }, ctx: z.RefinementCtx) {
  if (readsOneCity(value) && value.cityId === undefined) {
    ctx.addIssue({ code: "custom", path: ["cityId"], message: "province.accounts.cityRequired" });
  }
}

export const createProvinceAccountSchema = z.object({ login: loginSchema, ...accountFields, password: passwordSchema }).superRefine(cityRequired);

/**
 * The edit form: name, role and city. `seen` is what the form was filled from (role|city|name): a different row in
 * the database means someone saved in between, and the save is refused rather than lost.
 */
export const updateProvinceAccountSchema = z.object({ ...accountFields, seen: z.string().max(200) }).superRefine(cityRequired);

export type CreateProvinceAccountInput = z.infer<typeof createProvinceAccountSchema>;
export type UpdateProvinceAccountInput = z.infer<typeof updateProvinceAccountSchema>;

/** What an edit form was filled from, compared at save time (see `updateProvinceAccountSchema`). */
export function accountFingerprint(a: { role: string; cityId: number | null; displayName: string }): string {
  return `${a.role}|${a.cityId ?? ""}|${a.displayName}`;
}
