// Milestone evidence of a project: upload (multipart, streamed) and delete. Action only; both answer with a
// redirect back to the project page, which shows the outcome next to the form, so the form works without JavaScript.
import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { parseForm } from "~/lib/forms";
import type { AddEvidenceResult } from "~/modules/attachments/attachments.server";
import { addEvidence, evidenceAccess, removeEvidence } from "~/modules/attachments/attachments.server";
import {
  EVIDENCE_MAX_BYTES,
  evidenceErrorOf,
  evidenceInvalid,
  isEvidenceStage,
  removeEvidenceSchema,
} from "~/modules/attachments/attachments.schema";
import { requireUserForm, requireUserMultipartForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, parseId, throwIfRefused } from "~/modules/http/respond.server";

// A refused file is read to its end so that the browser gets the answer; beyond this the request is cut off.
const MAX_REQUEST_BYTES = 5 * EVIDENCE_MAX_BYTES;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const projectId = parseId(params.id);
  // Checked before a byte of the body is read. Invisible: 404 (never reveal it exists); visible but read-only: 403.
  const access = await evidenceAccess(user, projectId);
  invariantResponse(access !== "none");
  invariantResponse(access === "write", 403);

  const t = await getTranslator(request);
  const back = `/projects/${projectId}`;

  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const { form } = await requireUserForm(request);
    if (form.get("intent") !== "delete") throw data({ message: "unknown intent" }, { status: 400 });
    const parsed = parseForm(removeEvidenceSchema, form);
    if (!parsed.ok) throw data({ errors: parsed.errors }, { status: 400 });
    const removed = throwIfRefused(await removeEvidence(user, projectId, parsed.data.attachmentId));
    return redirect(`${back}#evidence`, {
      headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("evidence.removed", { name: removed.value.fileName }) }) },
    });
  }

  let outcome: AddEvidenceResult | undefined;
  const { form } = await requireUserMultipartForm(request, {
    maxRequestBytes: MAX_REQUEST_BYTES,
    // One file an upload: a second file part is dropped unread.
    onFile: async (part, fields) => {
      if (part.name !== "file" || outcome) return;
      outcome = await addEvidence(user, projectId, fields.get("stage"), { fileName: part.filename, data: part.data });
    },
  });
  const stage = form.get("stage");
  const answer = throwIfRefused(outcome ?? evidenceInvalid(isEvidenceStage(stage) ? "noFile" : "stage"));

  if (answer.kind !== "ok") {
    const notice = new URLSearchParams({ evidenceError: evidenceErrorOf(answer) });
    if (isEvidenceStage(stage)) notice.set("evidenceStage", stage);
    return redirect(`${back}?${notice}#evidence`);
  }
  return redirect(`${back}#evidence`, {
    headers: {
      "Set-Cookie": await flashHeader({ kind: "ok", message: t("evidence.uploaded", { name: answer.value.attachment.fileName }) }),
    },
  });
}
