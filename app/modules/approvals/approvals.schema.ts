// The approval forms' fields (decision 015: the action parses with these, the page's forms are typed by them).
import * as z from "zod";
import { checkbox, idField, isoDate, optionalDate, optionalId, optionalText, requiredText } from "~/lib/form-fields";

const version = z.coerce.number().int().positive();
const days = z.coerce.number("validation.required").int("validation.invalid").min(1, "approvals.error.days").max(365, "approvals.error.days");

/** One catalogue item, new or edited (the template's flags are checkboxes). */
export const catalogueItemSchema = z.object({
  name: requiredText(2, 60),
  authority: requiredText(2, 60),
  allowedDays: days,
  commitment: checkbox,
  requiredForConstruction: checkbox,
  appliesNew: checkbox,
  appliesExpansion: checkbox,
  appliesUpgrade: checkbox,
  newLandOnly: checkbox,
  sortOrder: z.coerce.number("validation.required").int("validation.invalid").min(0).max(999),
  active: checkbox,
});
export const catalogueEditSchema = catalogueItemSchema.extend({ id: idField, version });

/** Working an item: its agent and dates. */
export const approvalWorkSchema = z.object({
  version,
  agentId: optionalId,
  plannedSubmitOn: optionalDate,
  plannedApproveOn: optionalDate,
  submittedOn: optionalDate,
  acceptedOn: optionalDate,
  approvedOn: optionalDate,
  note: optionalText(500),
});
export type ApprovalWorkInput = z.infer<typeof approvalWorkSchema>;

/** Not applicable to this project, with the reason; or applicable again. */
export const approvalApplicableSchema = z.object({
  version,
  notApplicable: checkbox,
  notApplicableReason: optionalText(200),
});

/** An item added to one project's checklist by hand. */
export const approvalAddSchema = z.object({
  name: requiredText(2, 60),
  authority: requiredText(2, 60),
  allowedDays: days,
  requiredForConstruction: checkbox,
});

export const approvalRemoveSchema = z.object({ version });

export const blockerSchema = z.object({ note: requiredText(2, 500) });
export const escalateSchema = z.object({ blockerId: idField, escalationDueOn: isoDate });
export const resolveSchema = z.object({ blockerId: idField, resolution: requiredText(2, 500) });

/** The document upload: the file is checked by the server alone, by its content (as evidence). */
export { recordFileSchema as approvalDocumentSchema } from "~/modules/attachments/attachments.schema";
export const APPROVAL_DOCUMENT_INTENT = "document";
