// Helpers shared by the project routes: loading what a write needs, answering refusals.
import { codedMessage } from "~/lib/forms";
import type { FieldErrors } from "~/lib/forms";
import type { Invalid } from "~/lib/result";
import type { Viewer } from "~/modules/auth/policy";
import { invariantResponse } from "~/modules/http/respond.server";
import type { Refusal } from "./project-changes.server";
import { getProjectForViewer } from "./projects.server";

/**
 * The project for a page that changes it: 404 when the viewer may not see it (never reveal it exists),
 * 403 when they see it but may not change it.
 */
export async function requireWritableProject(viewer: Viewer, id: number) {
  const found = await getProjectForViewer(viewer, id);
  invariantResponse(found);
  invariantResponse(found.access === "write", 403);
  return found;
}

/**
 * Field errors with their parameters folded into coded messages the form decodes. Takes the result type's
 * `invalid` and, until the project changes answer with it too, their own Refusal.
 */
export function refusalErrors(refusal: Refusal | Invalid): FieldErrors {
  const errors = "fieldErrors" in refusal ? refusal.fieldErrors : refusal.errors;
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, codedMessage(key ?? "", refusal.params?.[field])]));
}
