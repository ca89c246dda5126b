import * as z from "zod";
import { MAX_ID } from "~/lib/result";
import { passwordSchema } from "~/modules/admin/users.schema";

// Messages are dictionary keys; the form translates them.

/** A zone's code: 2–16 lowercase letters or digits (its admin signs in as `CODE_admin`). */
export const zoneCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]{2,16}$/, "zones.validation.code");

const zoneFields = {
  code: zoneCodeSchema,
  name: z.string().trim().min(2, "zones.validation.name").max(40, "zones.validation.name"),
  cityId: z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number().int().positive().max(MAX_ID).optional()),
};

/** The province admin's form: the zone and its admin's first password. */
export const createZoneSchema = z.object({ ...zoneFields, password: passwordSchema });

export type CreateZoneInput = z.infer<typeof createZoneSchema>;

// A zone's companies (the zone admin's /admin/companies).
const companyFields = {
  name: z.string().trim().min(2, "zones.validation.companyName").max(40, "zones.validation.companyName"),
  shortName: z.string().trim().min(1, "validation.required").max(20, "validation.tooLong"),
  code: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9]{1,15}$/, "zones.validation.companyCode")
      .optional(),
  ),
};

export const companyKindsAddable = ["attraction", "service", "platform"] as const;

export const addCompanySchema = z.object({
  ...companyFields,
  kind: z.enum(companyKindsAddable, "validation.required"),
  clusterId: z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number().int().positive().max(MAX_ID).optional()),
});

export const updateCompanySchema = z.object({
  ...companyFields,
  active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});

export type AddCompanyInput = z.infer<typeof addCompanySchema>;
export type UpdateCompanyInput = z.infer<typeof updateCompanySchema>;
