// One import run: its progress while it runs (the import page polls this loader), then what came of it — the
// created and updated counts, or every bad row with its column and reason, downloadable as XLSX or CSV.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useEffect, useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime } from "~/lib/dates";
import type { MessageKey } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ImportProgressBar } from "~/modules/imports/components/import-progress-bar";
import { canImport, importProgress } from "~/modules/imports/import.server";
import { getImportRun } from "~/modules/imports/import-runs.server";
import type { ImportRowError } from "~/modules/imports/import-rows";
import { invariantResponse, parseId } from "~/modules/http/respond.server";
import { formatCount } from "~/lib/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "import.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canImport(user), 403);
  const run = await getImportRun(user, parseId(params.runId));
  invariantResponse(run);
  const errors: ImportRowError[] = run.errors ?? [];

  // A page route cannot answer a document request with a file: the download has its own route.
  const format = requestedExport(new URL(request.url));
  if (format) throw redirect(`/imports/${run.id}/errors?export=${format}`);
  return {
    run: {
      id: run.id,
      fileName: run.fileName,
      status: run.status,
      createdCount: run.createdCount,
      updatedCount: run.updatedCount,
      approvals: run.sheetCounts?.approvals ?? null,
      benefits: run.sheetCounts?.benefits ?? null,
      errors,
      startedAt: run.startedAt.toISOString(),
    },
    progress: importProgress(run),
  };
}

const errorColumn = createColumnHelper<ImportRowError>();

export default function ImportRunPage() {
  const { run, progress } = useLoaderData<typeof loader>();
  const t = useT();
  const errorColumns = useMemo(
    () => [
      errorColumn.accessor("row", {
        header: t("import.row"),
        meta: { numeric: true, cardTitle: true } satisfies ColumnMeta,
        cell: (c) => c.getValue() || "—",
      }),
      errorColumn.accessor("column", { header: t("import.column"), meta: { className: "nowrap" } satisfies ColumnMeta }),
      errorColumn.accessor("message", { header: t("import.reason") }),
    ],
    [t],
  );
  const revalidator = useRevalidator();
  const running = run.status === "running";

  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => revalidator.revalidate(), 1000);
    return () => clearTimeout(timer);
  }, [running, revalidator, progress]);

  return (
    <>
      <div className="page-head">
        <h1>
          {t("import.title")} · {run.fileName ?? `#${run.id}`}
        </h1>
        <div className="head-actions">
          <Link to="/imports" className="button">
            {t("import.submit")}
          </Link>
        </div>
      </div>
      <p className="muted">
        {formatDateTime(run.startedAt)} · {t(`import.runStatus.${run.status}` as MessageKey)}
      </p>

      {running ? (
        <section className="panel">
          <ImportProgressBar progress={progress} />
        </section>
      ) : null}

      {run.status === "done" ? (
        <div className="flash ok" role="status">
          {t("import.done", { created: formatCount(run.createdCount), updated: formatCount(run.updatedCount) })}{" "}
          {run.approvals
            ? `${t("importSheets.approvals.done", { created: formatCount(run.approvals.created), updated: formatCount(run.approvals.updated) })} `
            : null}
          {run.benefits
            ? `${t("importSheets.benefits.done", { created: formatCount(run.benefits.created), updated: formatCount(run.benefits.updated) })} `
            : null}
          <Link to="/projects">{t("import.viewProjects")}</Link>
        </div>
      ) : null}

      {run.status === "failed" ? (
        <div className="flash error" role="alert">
          {t("import.failed")}
        </div>
      ) : null}

      {run.status === "refused" ? (
        <>
          <div className="flash error" role="alert">
            {t("import.refused", { n: run.errors.length })}
          </div>
          <div className="head-actions">
            <a className="button" href={`/imports/${run.id}/errors?export=xlsx`} download>
              {t("import.errorsDownload")} XLSX
            </a>
            <a className="button" href={`/imports/${run.id}/errors?export=csv`} download>
              {t("import.errorsDownload")} CSV
            </a>
          </div>
          <div className="table-wrap">
            <DataTable<ImportRowError>
              data={run.errors}
              columns={errorColumns}
              emptyText={t("common.noRows")}
              getRowId={(_, i) => String(i)}
              className="import-errors"
            />
          </div>
        </>
      ) : null}
    </>
  );
}
