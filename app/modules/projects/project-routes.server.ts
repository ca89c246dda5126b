// Helpers shared by the project routes: parsing the id, loading what a write needs, answering refusals.
import { data } from "@remix-run/node";
import { codedMessage } from "~/lib/forms";
import type { FieldErrors } from "~/lib/forms";
import type { Viewer } from "~/modules/auth/policy";
import type { Refusal } from "./project-changes.server";
import { getProjectForViewer } from "./projects.server";

export function parseProjectId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw data(null, { status: 404 });
  return id;
}

/**
 * The project for a page that changes it: 404 when the viewer may not see it (never reveal it exists),
 * 403 when they see it but may not change it.
 */
export async function requireWritableProject(viewer: Viewer, id: number) {
  const found = await getProjectForViewer(viewer, id);
  if (!found) throw data(null, { status: 404 });
  if (found.access !== "write") throw data(null, { status: 403 });
  return found;
}

/** Field errors with their parameters folded into coded messages the form decodes. */
export function refusalErrors(refusal: Refusal): FieldErrors {
  return Object.fromEntries(
    Object.entries(refusal.errors).map(([field, key]) => [field, codedMessage(key ?? "", refusal.params?.[field])]),
  );
}
