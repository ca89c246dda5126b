// The import template as XLSX: the columns of DOMAIN.md "Import template", one example row of the viewer's zone and
// dropdowns for the columns that take one of a list (产业集群, 阶段, 状态, 来源渠道, 负责人).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { exportResponse } from "~/modules/export/table-export.server";
import { canImport, templateTable } from "~/modules/imports/import.server";
import { invariantResponse } from "~/modules/http/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canImport(user), 403);
  const t = await getTranslator(request);
  return exportResponse(await templateTable(user, t), "xlsx");
}
