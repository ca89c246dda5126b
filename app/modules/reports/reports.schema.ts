// The leadership reports' forms and URL switches: scorecard weights, annual targets, credit basis and evidence.
import * as z from "zod";
import { decimalString, idField, optionalText } from "~/lib/form-fields";
import { MEASURE_KEYS } from "~/lib/scorecard";
import type { MeasureKey } from "~/lib/scorecard";

const weight = z.coerce
  .number("reports.error.weight")
  .int("reports.error.weight")
  .min(0, "reports.error.weight")
  .max(100, "reports.error.weight");

/** One weight (0–100, whole numbers) per measure, and a note on why they changed. */
export const scorecardWeightsSchema = z
  .object({
    ...(Object.fromEntries(MEASURE_KEYS.map((key) => [key, weight])) as Record<MeasureKey, typeof weight>),
    note: optionalText(200),
  })
  .refine((v) => MEASURE_KEYS.some((key) => v[key] > 0), { message: "reports.error.noWeight", path: ["_form"] });
export type ScorecardWeightsInput = z.output<typeof scorecardWeightsSchema>;

const count = z.coerce.number("validation.integer").int("validation.integer").min(0, "validation.integer").max(100_000, "validation.tooLarge");

/** A company's annual targets; `version` is the one the form was loaded with (0 when none existed). */
export const annualTargetSchema = z.object({
  companyId: idField,
  year: z.coerce.number().int().min(2000).max(2100),
  signedCount: count,
  signedInvestmentWan: decimalString({ max: "99999999999999.99" }),
  constructionCount: count,
  productionCount: count,
  version: z.coerce.number().int().min(0),
});
export type AnnualTargetInput = z.output<typeof annualTargetSchema>;

export const CREDIT_BASES = ["owner", "firstContact"] as const;

/** The report's switches, from the URL: basis=owner|firstContact, evidence=all|only. */
export function reportSwitches(params: URLSearchParams) {
  return {
    basis: params.get("basis") === "firstContact" ? ("firstContact" as const) : ("owner" as const),
    evidenceOnly: params.get("evidence") === "only",
  };
}
