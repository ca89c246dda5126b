// The investor register's current filtered view as a file (?export=xlsx|csv); /investors?export=… comes here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { exportInvestors } from "~/modules/imports/list-exports.server";
import { parseInvestorListParams } from "~/modules/investors/investors.schema";
import { invariantResponse } from "~/modules/http/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const format = requestedExport(url);
  invariantResponse(format);
  const back = new URL(url);
  back.pathname = "/investors";
  return exportInvestors(user, parseInvestorListParams(url.searchParams), format, back, await getTranslator(request));
}
