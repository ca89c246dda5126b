// The duplicate check as the user types a new investor's name or code: same or similar investors of the zone and
// who follows them (company and owner only), and which other zones follow it — the zone's city and name, nothing
// else of theirs (decision 022). JSON for the form's fetcher; a signed-in session is required.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/session.server";
import { matchQuerySchema } from "~/modules/investors/investors.schema";
import { findInvestorFollowers } from "~/modules/investors/investors.server";
import { findOtherZonesFollowing } from "~/modules/investors/other-zones.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const query = matchQuerySchema.parse({
    name: url.searchParams.get("name") ?? "",
    uscc: url.searchParams.get("uscc") ?? undefined,
  });
  const [matches, otherZones] = await Promise.all([findInvestorFollowers(user, query), findOtherZonesFollowing(user, query)]);
  return Response.json({ matches, otherZones }, { headers: { "Cache-Control": "private, no-store" } });
}
