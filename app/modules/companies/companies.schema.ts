import * as z from "zod";
import { checkbox, optionalId } from "~/lib/form-fields";
import { MAX_ID } from "~/lib/result";

// A zone's companies (the zone admin's /admin/companies). Messages are dictionary keys; the form translates them.
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

/** The kinds a zone admin adds (the committee is the zone's one, made with it). */
export const ADDABLE_COMPANY_KINDS = ["attraction", "service", "platform"] as const;

export const addCompanySchema = z.object({
  ...companyFields,
  kind: z.enum(ADDABLE_COMPANY_KINDS, "validation.required"),
  clusterId: optionalId,
});

export const updateCompanySchema = z.object({
  ...companyFields,
  active: checkbox,
  /** The version the form was filled from: a newer one in the database means someone saved in between. */
  version: z.coerce.number().int().min(1).max(MAX_ID),
});

/** The fields both company forms share: what the company is called and its code. */
export const companyNameSchema = z.object(companyFields);

export type AddCompanyInput = z.infer<typeof addCompanySchema>;
export type UpdateCompanyInput = z.infer<typeof updateCompanySchema>;
