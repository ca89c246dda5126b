// The target list's forms (招商目标库, issue 22 item 4): adding or editing a target, and recording its first contact.
import * as z from "zod";
import { checkbox, idField, isoDate, optionalDate, optionalId, optionalText, requiredText } from "~/lib/form-fields";
import { optionalMobile, optionalUscc } from "~/modules/investors/investors.schema";

/** Why a target fits the link: 环节龙头 / 落地企业的配套供应商 / other (the note says why). */
export const TARGET_REASONS = ["leader", "supplier", "other"] as const;
export type TargetReason = (typeof TARGET_REASONS)[number];

/** The activities a first contact can be. */
export const FIRST_CONTACT_KINDS = ["call", "visit", "site_visit", "other"] as const;

const targetShape = {
  linkId: idField,
  name: requiredText(2, 100),
  uscc: optionalUscc,
  hqCity: optionalText(30),
  reason: z.enum(TARGET_REASONS, "validation.required"),
  note: optionalText(300),
  assigneeId: optionalId,
  plannedContactOn: optionalDate,
};

function noteForOther(v: { reason: TargetReason; note?: string }, ctx: z.RefinementCtx) {
  if (v.reason === "other" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "targets.error.noteRequired" });
}

export const targetFieldsSchema = z.object(targetShape);
export const addTargetSchema = targetFieldsSchema.superRefine(noteForOther);
export const updateTargetSchema = z.object({ ...targetShape, version: idField }).superRefine(noteForOther);

/**
 * The first contact: the activity it was, the person met, the project it opens (named, defaulting to the target's name), and
 * `confirmed` once the user has seen who already follows the same or a similar investor.
 */
export const contactTargetSchema = z.object({
  version: idField,
  projectName: requiredText(2, 100),
  kind: z.enum(FIRST_CONTACT_KINDS, "validation.required"),
  occurredOn: isoDate,
  summary: requiredText(2, 2000),
  /** The person met, if any: saved as the investor's contact and named on the project and the activity. */
  contactName: optionalText(40),
  contactTitle: optionalText(60),
  contactMobile: optionalMobile,
  confirmed: checkbox,
});

export type AddTargetInput = z.infer<typeof addTargetSchema>;
export type UpdateTargetInput = z.infer<typeof updateTargetSchema>;
export type ContactTargetInput = z.infer<typeof contactTargetSchema>;

/** The list's filters, from the URL; bad values fall back to the defaults. */
export const targetListSchema = z.object({
  cluster: z.coerce.number().int().positive().optional().catch(undefined),
  state: z.enum(["open", "contacted", "all"]).default("open").catch("open"),
  light: z.enum(["red", "yellow", "green"]).optional().catch(undefined),
});
export type TargetListParams = z.infer<typeof targetListSchema>;
