// The import template as XLSX: the columns of DOMAIN.md "Import template" and one example row of the viewer's zone.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { exportResponse } from "~/modules/export/table-export.server";
import { canImport, templateExample } from "~/modules/imports/import.server";
import { projectSheetTable } from "~/modules/imports/import-template";
import { invariantResponse } from "~/modules/http/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canImport(user), 403);
  const t = await getTranslator(request);
  return exportResponse(projectSheetTable([await templateExample(user)], t("import.templateFile"), t("import.templateSheet")), "xlsx");
}
