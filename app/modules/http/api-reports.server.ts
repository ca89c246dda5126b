// The preamble every report API route shares: a token with `reports:read` whose user may read the zone's reports,
// and a valid `from`/`to` range. A refusal is thrown as the JSON answer the route would have given.
import { translator } from "~/lib/i18n";
import { checkRange } from "~/lib/periods";
import { requireApiUser } from "~/modules/auth/api-token.server";
import { canSeeReports } from "~/modules/auth/policy";

export async function requireReportsApiRange(request: Request) {
  const user = await requireApiUser(request, "reports:read");
  if (!canSeeReports(user)) throw Response.json({ error: "this token's user may not read the zone's reports" }, { status: 403 });
  const url = new URL(request.url);
  const checked = checkRange(url.searchParams.get("from"), url.searchParams.get("to"));
  if (!checked.ok) {
    throw Response.json(
      { error: translator("en")(checked.error), field: checked.error === "reports.error.date" ? "from/to" : "to" },
      { status: 400 },
    );
  }
  return { user, url, period: checked.period };
}
