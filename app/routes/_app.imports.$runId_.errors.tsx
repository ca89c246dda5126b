// A refused run's problems as a file (?export=xlsx|csv), for whoever may see the run; /imports/:runId?export=… comes
// here. A resource route, because a page route cannot answer a document request with a download.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { exportResponse, requestedExport } from "~/modules/export/table-export.server";
import { canImport } from "~/modules/imports/import.server";
import { getImportRun } from "~/modules/imports/import-runs.server";
import { invariantResponse, parseId } from "~/modules/http/respond.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canImport(user), 403);
  const run = await getImportRun(user, parseId(params.runId));
  const format = requestedExport(new URL(request.url));
  invariantResponse(run && format);
  const t = await getTranslator(request);
  return exportResponse(
    {
      fileName: `${t("import.errorsFile")}-${run.id}`,
      sheetName: t("import.errorsSheet"),
      columns: [
        { key: "row", header: t("import.row"), kind: "int" },
        { key: "column", header: t("import.column") },
        { key: "message", header: t("import.reason") },
      ],
      rows: (run.errors ?? []).map((e) => ({ row: e.row || null, column: e.column, message: e.message })),
    },
    format,
  );
}
