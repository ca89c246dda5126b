// The project list's current filtered view as a file (?export=xlsx|csv), in the import template's columns.
// A resource route: a UI route cannot answer a document request with a download, so /projects?export=… comes here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { exportProjects } from "~/modules/imports/list-exports.server";
import { parseProjectListParams } from "~/modules/projects/projects.schema";
import { invariantResponse } from "~/modules/http/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const format = requestedExport(url);
  invariantResponse(format);
  const back = new URL(url);
  back.pathname = "/projects";
  return exportProjects(user, parseProjectListParams(url.searchParams), format, back, await getTranslator(request));
}
