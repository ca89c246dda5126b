import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInZone } from "~/lib/dates";
import { periodFromSearch } from "~/lib/periods";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeReports } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { exportResponse, requestedExport } from "~/modules/export/table-export.server";
import { drillDownExport, scorecardExport, threeBatchesExport } from "~/modules/reports/report-exports.server";
import { loadDrillDown } from "~/modules/reports/report-routes.server";
import { reportSwitches } from "~/modules/reports/reports.schema";
import { scorecard } from "~/modules/reports/scorecard.server";
import { threeBatchesReport } from "~/modules/reports/three-batches.server";
import { invariantResponse } from "~/modules/http/respond.server";

// The downloads of the leadership pages: /reports/export/<report>?<the page's query>&export=xlsx|csv. The pages
// redirect their own ?export= here, since a page route cannot answer a document request with a file.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeReports(user), 403);
  const url = new URL(request.url);
  const format = requestedExport(url) ?? "xlsx";
  const t = await getTranslator(request);
  const { period } = periodFromSearch(url.searchParams, todayInZone());
  const switches = reportSwitches(url.searchParams);
  switch (params.report) {
    case "three-batches":
      return exportResponse(threeBatchesExport(await threeBatchesReport(user.zoneId, { from: period.from, to: period.to, ...switches }), t), format);
    case "three-batches-projects": {
      const drill = await loadDrillDown(user, url, { paged: false });
      return exportResponse(drillDownExport(drill.rows, drill.period, t, drill.total), format);
    }
    case "scorecard": {
      const scope = url.searchParams.get("scope") === "all" ? "all" : "attraction";
      return exportResponse(scorecardExport(await scorecard(user.zoneId, period, { basis: switches.basis, scope }), t), format);
    }
    default:
      invariantResponse(false);
  }
}
