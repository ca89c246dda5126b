// A cluster's chain map as a file (?export=xlsx|csv); /chains/:clusterId?export=… comes here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeChains } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { chainExportTable } from "~/modules/chains/chain-export.server";
import { getChainMap } from "~/modules/chains/chains.server";
import { exportResponse, requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse, parseId } from "~/modules/http/respond.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeChains(user));
  const format = requestedExport(new URL(request.url));
  invariantResponse(format);
  const map = await getChainMap(user, parseId(params.clusterId));
  invariantResponse(map);
  return exportResponse(chainExportTable(map, await getTranslator(request)), format);
}
