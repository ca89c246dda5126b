// The zones' ranking as XLSX or CSV (?export=xlsx|csv), the same period and rule as the page. A resource route: a UI
// route cannot answer a document request with a download, so /province/ranking?export=… comes here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInZone } from "~/lib/dates";
import { periodFromSearch } from "~/lib/periods";
import { missingRuleFrom } from "~/lib/scorecard";
import { getTranslator } from "~/modules/auth/lang.server";
import { readsProvinceFigures } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { exportResponse, requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse, throwIfRefused } from "~/modules/http/respond.server";
import { zoneRankingExport } from "~/modules/province/ranking-export.server";
import { zoneRanking } from "~/modules/province/ranking.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(readsProvinceFigures(user));
  const url = new URL(request.url);
  const format = requestedExport(url);
  invariantResponse(format);
  const { period } = periodFromSearch(url.searchParams, todayInZone());
  const { value: ranking } = throwIfRefused(await zoneRanking(user, period, { missing: missingRuleFrom(url.searchParams) }));
  return exportResponse(zoneRankingExport(ranking, await getTranslator(request)), format);
}
