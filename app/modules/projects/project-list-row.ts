// What the project list page's components read of a row, and nothing else: the loader's rows are the page's
// hydration data, a third of its HTML (issue 23). The planned dates only make the light, computed here; the
// update time only orders the query (its cursor is encoded server-side).
import { projectLight } from "~/lib/light";
import type { ProjectListRow } from "./projects.server";

export function projectListPageRow(r: ProjectListRow, today: string) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    investorName: r.investorName,
    confidential: r.confidential,
    clusterName: r.clusterName,
    companyName: r.companyName,
    ownerName: r.ownerName,
    stage: r.stage,
    status: r.status,
    light: projectLight(r, today),
    totalInvestmentWan: r.totalInvestmentWan,
    signedOn: r.signedOn,
    lastActivityOn: r.lastActivityOn,
    nextAction: r.nextAction,
    nextActionOn: r.nextActionOn,
    nextActionOverdue: !!r.nextActionOn && r.nextActionOn < today,
  };
}
