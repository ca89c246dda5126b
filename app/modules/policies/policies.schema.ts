// The policy and benefit forms' fields (decision 015: the action parses with these, the pages' forms are typed by
// them). The policy form has one row per fact; formToConditions turns it into the stored data (policy-rules.ts).
import * as z from "zod";
import { INVESTMENT_TYPES } from "~/lib/domain-values";
import { idField, isoDate, optionalDate, optionalDecimal, optionalText, requiredText } from "~/lib/form-fields";
import type { NumberFact, PolicyCondition } from "./policy-rules";
import { LIST_OPS, NUMBER_FACTS, NUMBER_OPS } from "./policy-rules";

const MAX_WAN = "99999999999999.99";
const version = z.coerce.number().int().positive();
const names = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().trim().min(1).max(100)).max(50),
);
const listOp = z.preprocess((v) => (v === "" || v === undefined ? "in" : v), z.enum(LIST_OPS));
const numberOp = z.preprocess((v) => (v === "" || v === undefined ? "gte" : v), z.enum(NUMBER_OPS));
const thresholdField = optionalDecimal({ max: "999999999999.99" });

export const policyFormSchema = z
  .object({
    title: requiredText(2, 100),
    issuer: requiredText(2, 100),
    documentNo: optionalText(60),
    validFrom: optionalDate,
    validTo: optionalDate,
    benefit: requiredText(2, 1000),
    clusterOp: listOp,
    clusters: names,
    companyOp: listOp,
    companies: names,
    projectTypeOp: listOp,
    projectTypes: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(INVESTMENT_TYPES)).max(3)),
    voltageKvOp: numberOp,
    voltageKv: thresholdField,
    investmentWanOp: numberOp,
    investmentWan: thresholdField,
    jobsOp: numberOp,
    jobs: thresholdField,
    investmentPerMuWanOp: numberOp,
    investmentPerMuWan: thresholdField,
    outputPerMuWanOp: numberOp,
    outputPerMuWan: thresholdField,
  })
  .superRefine((v, ctx) => {
    if (v.validFrom && v.validTo && v.validTo < v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "policies.error.validTo" });
  });
export type PolicyFormInput = z.infer<typeof policyFormSchema>;

export const policyEditSchema = policyFormSchema.safeExtend({ version });

/** The form's rows as conditions: a list with names, a number with a threshold; blank rows are no condition. */
export function formToConditions(v: PolicyFormInput): PolicyCondition[] {
  const out: PolicyCondition[] = [];
  if (v.clusters.length) out.push({ fact: "cluster", op: v.clusterOp, values: v.clusters });
  if (v.companies.length) out.push({ fact: "company", op: v.companyOp, values: v.companies });
  if (v.projectTypes.length) out.push({ fact: "projectType", op: v.projectTypeOp, values: v.projectTypes });
  for (const fact of NUMBER_FACTS) {
    const value = v[fact];
    if (value !== undefined) out.push({ fact, op: v[`${fact}Op`], value });
  }
  return out;
}

/** Stored conditions as the form's defaults (the first condition of each fact; the form has one row per fact). */
export function conditionsToForm(conditions: PolicyCondition[]) {
  const form: Record<string, string | string[]> = {};
  for (const c of [...conditions].reverse()) {
    if (c.fact === "cluster" || c.fact === "company" || c.fact === "projectType") {
      const key = c.fact === "cluster" ? "clusters" : c.fact === "company" ? "companies" : "projectTypes";
      form[key] = [...c.values];
      form[`${c.fact}Op`] = c.op;
    } else {
      form[c.fact satisfies NumberFact] = c.value;
      form[`${c.fact}Op`] = c.op;
    }
  }
  return form;
}

/** A benefit promised (and maybe delivered) under a policy, in 万元. */
export const benefitFormSchema = z.object({
  policyId: idField,
  promisedWan: optionalDecimal({ max: MAX_WAN }).refine((v) => v !== undefined, "validation.required"),
  promisedOn: isoDate,
  deliveredWan: optionalDecimal({ max: MAX_WAN }),
  deliveredOn: optionalDate,
  note: optionalText(500),
});
export type BenefitFormInput = z.infer<typeof benefitFormSchema>;
export const benefitEditSchema = benefitFormSchema.extend({ version });

/** The evidence upload: the file is checked by the server alone, by its content. */
export { recordFileSchema as benefitEvidenceSchema } from "~/modules/attachments/attachments.schema";
export const BENEFIT_EVIDENCE_INTENT = "evidence";
