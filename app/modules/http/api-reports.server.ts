// The preamble every report API route shares: a token with `reports:read` whose user may read the zone's reports,
// and a valid `from`/`to` range. A refusal is thrown as the JSON answer the route would have given.
import { translator } from "~/lib/i18n";
import { checkRange } from "~/lib/periods";
import { requireApiUser } from "~/modules/auth/api-token.server";
import type { ApiUser } from "~/modules/auth/api-token.server";
import { canSeeReports } from "~/modules/auth/policy";

/** Who may call a report route: by default a zone's reader (leaders, admins); the province's view says its own. */
export type ApiReader = { may: (user: ApiUser) => boolean; refusal: string };
const ZONE_READER: ApiReader = { may: canSeeReports, refusal: "this token's user may not read the zone's reports" };

export async function requireReportsApiRange(request: Request, reader: ApiReader = ZONE_READER) {
  const user = await requireApiUser(request, "reports:read");
  if (!reader.may(user)) throw Response.json({ error: reader.refusal }, { status: 403 });
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
