// The project page's evidence forms (upload, multipart and streamed; delete), answered in the form idiom (decision
// 015): a refused upload comes back as the page with the message next to its field, a success as a redirect with a
// flash. Access is checked before a byte of the body is read.
import { redirect } from "@remix-run/node";
import { parseForm } from "~/lib/forms";
import type { Translate } from "~/lib/i18n";
import type { SessionUser } from "~/modules/auth/session.server";
import { requireUserMultipartForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { refusalErrors } from "~/modules/projects/project-routes.server";
import type { AddEvidenceResult } from "./attachments.server";
import { addEvidence, evidenceAccess, removeEvidence } from "./attachments.server";
import { EVIDENCE_MAX_BYTES, EVIDENCE_UPLOAD_INTENT, evidenceInvalid, isEvidenceStage, removeEvidenceSchema } from "./attachments.schema";

// A refused file is read to its end so that the browser gets the answer; beyond this the request is cut off.
const MAX_REQUEST_BYTES = 5 * EVIDENCE_MAX_BYTES;

/** Whether the request is an upload (the only multipart form of the project page). */
export function isEvidenceUpload(request: Request) {
  return (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
}

/** Invisible: 404 (never reveal it exists); visible but read-only: 403. */
async function requireEvidenceWrite(user: SessionUser, projectId: number) {
  const access = await evidenceAccess(user, projectId);
  invariantResponse(access !== "none");
  invariantResponse(access === "write", 403);
}

export async function uploadEvidenceAction(request: Request, user: SessionUser, projectId: number, t: Translate) {
  await requireEvidenceWrite(user, projectId);
  let outcome: AddEvidenceResult | undefined;
  const { form } = await requireUserMultipartForm(request, {
    maxRequestBytes: MAX_REQUEST_BYTES,
    // One file an upload: a second file part is dropped unread.
    onFile: async (part, fields) => {
      if (part.name !== "file" || outcome) return;
      outcome = await addEvidence(user, projectId, fields.get("stage"), { fileName: part.filename, data: part.data });
    },
  });
  const answer = throwIfRefused(outcome ?? evidenceInvalid(isEvidenceStage(form.get("stage")) ? "noFile" : "stage"));
  if (answer.kind !== "ok") {
    return replyInvalid(EVIDENCE_UPLOAD_INTENT, refusalErrors(answer), form);
  }
  return redirect(`/projects/${projectId}#evidence`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("evidence.uploaded", { name: answer.value.attachment.fileName }) }) },
  });
}

export async function deleteEvidenceAction(form: FormData, user: SessionUser, projectId: number, t: Translate) {
  await requireEvidenceWrite(user, projectId);
  const parsed = parseForm(removeEvidenceSchema, form);
  // The id is the form's own hidden field: a bad one was not typed by anyone.
  invariantResponse(parsed.ok, 400);
  const removed = throwIfRefused(await removeEvidence(user, projectId, parsed.data.attachmentId));
  return redirect(`/projects/${projectId}#evidence`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("evidence.removed", { name: removed.value.fileName }) }) },
  });
}
