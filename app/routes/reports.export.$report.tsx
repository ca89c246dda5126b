import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInZone } from "~/lib/dates";
import { comparedPeriod, comparisonFromSearch, periodFromSearch } from "~/lib/periods";
import { compareReports } from "~/modules/reports/comparison";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeReports } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { exportResponse, requestedExport } from "~/modules/export/table-export.server";
import { missingRuleFrom } from "~/lib/scorecard";
import { drillDownExport, scorecardExport, targetsExport, threeBatchesExport, trendsExport } from "~/modules/reports/report-exports.server";
import { trends, trendsYear } from "~/modules/reports/trends.server";
import { loadDrillDown } from "~/modules/reports/report-routes.server";
import { reportSwitches } from "~/modules/reports/reports.schema";
import { scorecard } from "~/modules/reports/scorecard.server";
import { targetProgress, targetsYear } from "~/modules/reports/targets.server";
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
    case "three-batches": {
      const compare = comparisonFromSearch(url.searchParams);
      const before = compare ? comparedPeriod(period, compare) : null;
      const [report, previous] = await Promise.all([
        threeBatchesReport(user.zoneId, { from: period.from, to: period.to, ...switches }),
        before ? threeBatchesReport(user.zoneId, { from: before.from, to: before.to, ...switches }) : null,
      ]);
      const comparison = previous && compare ? compareReports(report, previous, compare) : null;
      return exportResponse(threeBatchesExport(report, t, comparison), format);
    }
    case "three-batches-projects": {
      const drill = await loadDrillDown(user, url, { paged: false });
      return exportResponse(drillDownExport(drill.rows, drill.period, t, drill.total), format);
    }
    case "scorecard": {
      const scope = url.searchParams.get("scope") === "all" ? "all" : "attraction";
      const missing = missingRuleFrom(url.searchParams);
      return exportResponse(scorecardExport(await scorecard(user.zoneId, period, { basis: switches.basis, scope, missing }), t), format);
    }
    case "targets": {
      const { year, asOf } = targetsYear(url);
      return exportResponse(targetsExport(await targetProgress(user.zoneId, year, asOf), year, asOf, t), format);
    }
    case "trends":
      return exportResponse(trendsExport(await trends(user.zoneId, trendsYear(url, todayInZone()), switches.basis), t), format);
    default:
      invariantResponse(false);
  }
}
