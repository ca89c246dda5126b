// Every activity of one project as a file (?export=xlsx|csv), for whoever sees the project; /projects/:id?export=… comes here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { exportProjectActivities } from "~/modules/imports/list-exports.server";
import { getProjectForViewer } from "~/modules/projects/projects.server";
import { invariantResponse, parseId } from "~/modules/http/respond.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await getProjectForViewer(user, parseId(params.id));
  invariantResponse(found);
  const format = requestedExport(new URL(request.url));
  invariantResponse(format);
  return exportProjectActivities(found.project, format, await getTranslator(request));
}
