import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkRange } from "~/lib/periods";
import { translator } from "~/lib/i18n";
import { requireApiUser } from "~/modules/auth/api-token.server";
import { canSeeReports } from "~/modules/auth/policy";
import { reportSwitches } from "~/modules/reports/reports.schema";
import { threeBatchesReport } from "~/modules/reports/three-batches.server";

// The zone's 三个一批 for the province's dispatch platform, on the page's own query (a published period answers
// its published figures). DOMAIN.md: one row per company of the caller's zone, investmentWan with two places.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireApiUser(request, "reports:read");
  if (!canSeeReports(user)) return Response.json({ error: "this token's user may not read the zone's reports" }, { status: 403 });
  const url = new URL(request.url);
  const checked = checkRange(url.searchParams.get("from"), url.searchParams.get("to"));
  if (!checked.ok) {
    return Response.json({ error: translator("en")(checked.error), field: checked.error === "reports.error.date" ? "from/to" : "to" }, { status: 400 });
  }
  const report = await threeBatchesReport(user.zoneId, { from: checked.period.from, to: checked.period.to, ...reportSwitches(url.searchParams) });
  return Response.json(
    {
      from: checked.period.from,
      to: checked.period.to,
      rows: report.rows.map((r) => ({
        company: r.name,
        cluster: r.cluster,
        signed: r.signed,
        construction: r.construction,
        production: r.production,
      })),
      total: report.total,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
