// The province's shared-investors list as a file (?export=xlsx|csv): one row per investor and zone.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { canSeeSharedInvestors } from "~/modules/auth/policy";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse } from "~/modules/http/respond.server";
import { exportSharedInvestors } from "~/modules/investors/shared-investors-export.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeSharedInvestors(user));
  const format = requestedExport(new URL(request.url));
  invariantResponse(format);
  return exportSharedInvestors(user, format, await getTranslator(request));
}
