// Everything the project page shows, loaded for one viewer: the route and the benchmark call the same function.
import { listEvidence } from "~/modules/attachments/attachments.server";
import type { Viewer } from "~/modules/auth/policy";
import { listProjectHandoffs } from "~/modules/handoffs/handoffs.server";
import { listProjectServiceRequests, loadViewerCompany } from "~/modules/service/service-requests.server";
import { listProjectChanges } from "./project-changes.server";
import { getProjectForViewer, loadProjectFacts } from "./projects.server";

/** The project page's data, or undefined when the project does not exist or the viewer may not see it. */
export async function loadProjectPage(viewer: Viewer, id: number) {
  const found = await getProjectForViewer(viewer, id);
  if (!found) return undefined;
  const facts = await loadProjectFacts(id);
  const [changes, handoffs] = await Promise.all([listProjectChanges(id, 50), listProjectHandoffs(id)]);
  const evidence = await listEvidence(viewer, id);
  const serviceRequests = await listProjectServiceRequests(viewer, id);
  const viewerCompany = await loadViewerCompany(viewer);
  return { ...found, facts, changes, handoffs, evidence, serviceRequests, viewerCompany };
}
