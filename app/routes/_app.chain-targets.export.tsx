// The target list's current filtered view as a file (?export=xlsx|csv); /chain-targets?export=… comes here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeChains } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { targetExportTable } from "~/modules/chains/target-export.server";
import { targetListSchema } from "~/modules/chains/targets.schema";
import { listTargets } from "~/modules/chains/targets.server";
import { exportResponse, requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse } from "~/modules/http/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeChains(user));
  const url = new URL(request.url);
  const format = requestedExport(url);
  invariantResponse(format);
  const { rows } = await listTargets(user, targetListSchema.parse(Object.fromEntries(url.searchParams)));
  return exportResponse(targetExportTable(rows, await getTranslator(request)), format);
}
