// Milestone evidence: the rules shared by the upload form, the action and the domain module.
import * as z from "zod";
import type { ProjectStage } from "~/lib/domain-values";
import type { Invalid } from "~/lib/result";
import { invalid, MAX_ID } from "~/lib/result";

/** The milestones that may carry evidence: the agreement, the licence, site photos. */
export const EVIDENCE_STAGES = ["signed", "registered", "construction", "production"] as const satisfies readonly ProjectStage[];
export type EvidenceStage = (typeof EVIDENCE_STAGES)[number];

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
export const EVIDENCE_MAX_MB = EVIDENCE_MAX_BYTES / 1024 / 1024;
/** Accepted by content (magic bytes), never by the file name or the browser's claimed type. */
export const EVIDENCE_MIME_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export const EVIDENCE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";
/** The camera's input: photos only (a phone converts its own format to JPEG for these types). */
export const EVIDENCE_PHOTO_ACCEPT = "image/jpeg,image/png";

/** Why an upload was refused; each has a message `evidence.error.<code>` shown next to the form's field. */
export const EVIDENCE_ERRORS = ["stage", "noFile", "tooLarge", "type"] as const;
export type EvidenceError = (typeof EVIDENCE_ERRORS)[number];
/** The field each refusal belongs to. */
export const EVIDENCE_ERROR_FIELD: Record<EvidenceError, "stage" | "file"> = {
  stage: "stage",
  noFile: "file",
  tooLarge: "file",
  type: "file",
};

/** A refusal as the result type's `invalid`: the message key `evidence.error.<code>` under the field it belongs to. */
export function evidenceInvalid(code: EvidenceError): Invalid {
  return invalid(
    { [EVIDENCE_ERROR_FIELD[code]]: `evidence.error.${code}` },
    code === "tooLarge" ? { file: { max: String(EVIDENCE_MAX_MB) } } : undefined,
  );
}

export function isEvidenceStage(value: unknown): value is EvidenceStage {
  return typeof value === "string" && (EVIDENCE_STAGES as readonly string[]).includes(value);
}

export const removeEvidenceSchema = z.object({
  attachmentId: z.coerce.number("validation.required").int().positive().max(MAX_ID),
});

/** The project page's evidence forms, as their `intent`. */
export const EVIDENCE_UPLOAD_INTENT = "evidence-upload";
export const EVIDENCE_DELETE_INTENT = "evidence-delete";

/**
 * The upload form's fields. The browser checks the milestone; the file is checked by the server alone, by its
 * content (a file is not a text field, so the form's check cannot see it).
 */
export const uploadEvidenceSchema = z.object({
  stage: z.enum(EVIDENCE_STAGES, "evidence.error.stage"),
  file: z.unknown().optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Files of an activity: visit photos, minutes, business cards (issue 19). The same storage and checks as evidence.

/** The activity form's file field; several files may be picked or photographed at once. */
export const ACTIVITY_FILES_FIELD = "files";
export const ACTIVITY_FILES_MAX = 10;
/** What the picker offers: photos (the camera on a phone) and PDFs (scanned minutes). The server decides by content. */
export const ACTIVITY_FILES_ACCEPT = "image/*,application/pdf";

/** Why an activity's files were refused: the evidence's reasons, an empty file, or too many files. */
export const ACTIVITY_FILE_ERRORS = ["noFile", "empty", "tooLarge", "type", "tooMany"] as const;
export type ActivityFileError = (typeof ACTIVITY_FILE_ERRORS)[number];

/** The message (a coded key, app/lib/forms.ts) shown next to the file field, naming the refused file. */
export function activityFileMessage(code: ActivityFileError, fileName: string): string {
  const name = fileName.replace(/[|=]/g, " ") || "—";
  return `activityFiles.error.${code}|name=${name}|max=${code === "tooMany" ? ACTIVITY_FILES_MAX : EVIDENCE_MAX_MB}`;
}

/**
 * The upload form of a file that belongs to a record (an approval item's document, a benefit's evidence): the file
 * only; the server checks it (`storeChecked`) and answers the `file` field.
 */
export const recordFileSchema = z.object({ file: z.unknown().optional() });
