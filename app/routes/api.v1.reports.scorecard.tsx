import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkRange } from "~/lib/periods";
import { translator } from "~/lib/i18n";
import { missingRuleFrom } from "~/lib/scorecard";
import { requireApiUser } from "~/modules/auth/api-token.server";
import { canSeeReports } from "~/modules/auth/policy";
import { reportSwitches } from "~/modules/reports/reports.schema";
import { scorecardApiBody } from "~/modules/reports/scorecard-api";
import { scorecard } from "~/modules/reports/scorecard.server";

// 四比四看 for the province's platform, on the page's own query and rule (decision 017): a measure a company has no
// data for is `value: null, score: null` (under missing=zero its score is 0), never "0".

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireApiUser(request, "reports:read");
  if (!canSeeReports(user)) return Response.json({ error: "this token's user may not read the zone's reports" }, { status: 403 });
  const url = new URL(request.url);
  const checked = checkRange(url.searchParams.get("from"), url.searchParams.get("to"));
  if (!checked.ok) {
    return Response.json(
      { error: translator("en")(checked.error), field: checked.error === "reports.error.date" ? "from/to" : "to" },
      { status: 400 },
    );
  }
  const rule = url.searchParams.get("missing");
  if (rule !== null && rule !== "zero" && rule !== "rescale") {
    return Response.json({ error: "missing must be zero or rescale", field: "missing" }, { status: 400 });
  }
  const scope = url.searchParams.get("scope");
  if (scope !== null && scope !== "attraction" && scope !== "all") {
    return Response.json({ error: "scope must be attraction or all", field: "scope" }, { status: 400 });
  }
  const card = await scorecard(user.zoneId, checked.period, {
    basis: reportSwitches(url.searchParams).basis,
    scope: scope === "all" ? "all" : "attraction",
    missing: missingRuleFrom(url.searchParams),
  });
  return Response.json(scorecardApiBody(card), { headers: { "Cache-Control": "no-store" } });
}
