// Everything the project page shows, loaded for one viewer: the route and the benchmark call the same function.
// It gathers from projects and the modules built on them (evidence, handoffs, service), so it sits above them all.
import { loadChecklist } from "~/modules/approvals/approvals.server";
import { projectChainPaths } from "~/modules/chains/chains.server";
import { targetOfProject } from "~/modules/chains/targets.server";
import { listActivityFiles, listEvidence } from "~/modules/attachments/attachments.server";
import type { Viewer } from "~/modules/auth/policy";
import { projectAccess } from "~/modules/auth/policy";
import { listProjectHandoffs } from "~/modules/handoffs/handoffs.server";
import { loadProjectPolicies } from "~/modules/policies/policies.server";
import { listProjectServiceRequests, loadViewerCompany } from "~/modules/service/service-requests.server";
import { listProjectChanges } from "~/modules/projects/project-history.server";
import { getProjectForViewer, loadProjectFacts } from "~/modules/projects/projects.server";

/** The project page's data, or undefined when the project does not exist or the viewer may not see it. */
export async function loadProjectPage(viewer: Viewer, id: number) {
  // The policy's facts once, then everything else in one parallel round (it used to be nine round trips).
  const facts = await loadProjectFacts(id);
  if (!facts || projectAccess(viewer, facts) === "none") return undefined;
  const [found, changes, handoffs, evidence, serviceRequests, viewerCompany, activityFiles, checklist, chainPaths, policies, fromTarget] =
    await Promise.all([
      getProjectForViewer(viewer, id, facts),
      listProjectChanges(id, 50),
      listProjectHandoffs(id),
      listEvidence(viewer, id, facts),
      listProjectServiceRequests(viewer, id),
      loadViewerCompany(viewer),
      listActivityFiles(viewer, id, facts),
      loadChecklist(viewer, id, facts),
      projectChainPaths(viewer.zoneId, id),
      loadProjectPolicies(viewer, id, facts),
      targetOfProject(viewer.zoneId, id),
    ]);
  if (!found) return undefined;
  return { ...found, facts, changes, handoffs, evidence, serviceRequests, viewerCompany, activityFiles, checklist, chainPaths, policies, fromTarget };
}
