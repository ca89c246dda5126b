// Helpers shared by the project routes: loading what a write needs, answering refusals.
import { codedMessage } from "~/lib/forms";
import type { FieldErrors } from "~/lib/forms";
import type { Invalid } from "~/lib/result";
import type { Viewer } from "~/modules/auth/policy";
import { invariantResponse } from "~/modules/http/respond.server";
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

/** An `invalid` answer's field errors, their parameters folded into coded messages the form decodes. */
export function refusalErrors(refusal: Invalid): FieldErrors {
  return Object.fromEntries(Object.entries(refusal.fieldErrors).map(([field, key]) => [field, codedMessage(key ?? "", refusal.params?.[field])]));
}
