import { readingReports } from "~/modules/reports/replica.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { missingRuleFrom } from "~/lib/scorecard";
import { requireReportsApiRange } from "~/modules/http/api-reports.server";
import { reportSwitches } from "~/modules/reports/reports.schema";
import { scorecardApiBody } from "~/modules/reports/scorecard-api";
import { scorecard } from "~/modules/reports/scorecard.server";

// 四比四看 for the province's platform, on the page's own query and rule (decision 017): a measure a company has no
// data for is `value: null, score: null` (under missing=zero its score is 0), never "0".

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, url, period } = await requireReportsApiRange(request);
  const rule = url.searchParams.get("missing");
  if (rule !== null && rule !== "zero" && rule !== "rescale") {
    return Response.json({ error: "missing must be zero or rescale", field: "missing" }, { status: 400 });
  }
  const scope = url.searchParams.get("scope");
  if (scope !== null && scope !== "attraction" && scope !== "all") {
    return Response.json({ error: "scope must be attraction or all", field: "scope" }, { status: 400 });
  }
  const card = await readingReports(() =>
    scorecard(user.zoneId, period, {
      basis: reportSwitches(url.searchParams).basis,
      scope: scope === "all" ? "all" : "attraction",
      missing: missingRuleFrom(url.searchParams),
    }),
  );
  return Response.json(scorecardApiBody(card), { headers: { "Cache-Control": "no-store" } });
}
