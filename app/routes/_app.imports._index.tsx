// 批量导入: managers import into their company, admins into any company of the zone. The file streams in with a
// size limit; without JavaScript the POST answers when the import is done (then shows its run), with it the page
// posts through a fetcher, gets the run's id at once and shows the progress until the run's page takes over.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useEffect, useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { Field, useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime } from "~/lib/dates";
import type { FormReply } from "~/lib/forms";
import { parseForm } from "~/lib/forms";
import type { MessageKey } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserMultipartForm } from "~/modules/auth/csrf.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canImportIntoAnyCompany } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import type { Upload } from "~/modules/imports/import.server";
import {
  beginImport,
  canImport,
  collectUpload,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_MB,
  importCompanies,
  importTarget,
  MAX_IMPORT_ROWS,
} from "~/modules/imports/import.server";
import { listImportRuns } from "~/modules/imports/import-runs.server";
import { ImportProgressBar } from "~/modules/imports/components/import-progress-bar";
import { importFormSchema } from "~/modules/imports/imports.schema";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { formatCount } from "~/lib/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "import.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canImport(user), 403);
  const [companies, runs] = await Promise.all([importCompanies(user), listImportRuns(user)]);
  return {
    companies,
    isAdmin: canImportIntoAnyCompany(user),
    runs: runs.map((r) => ({ ...r, startedAt: r.startedAt.toISOString() })),
    maxMb: IMPORT_MAX_MB,
    maxRows: MAX_IMPORT_ROWS,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canImport(user), 403);
  const t = await getTranslator(request);
  let upload: Upload | null = null;
  let fileName: string | null = null;
  const { form } = await requireUserMultipartForm(request, {
    // Past the limit the file is read and dropped so that the browser gets the answer; far past it, cut off.
    maxRequestBytes: 5 * IMPORT_MAX_BYTES,
    onFile: async (part) => {
      if (part.name !== "file" || upload) return;
      fileName = part.filename || null;
      upload = await collectUpload(part.data);
    },
  });
  const parsed = parseForm(importFormSchema, form);
  if (!parsed.ok) return replyInvalid("import", parsed.errors, form);
  const target = throwIfRefused(await importTarget(user, parsed.data.company || null));
  if (target.kind === "invalid") return replyInvalid("import", target.fieldErrors, form);
  const { runId, done } = await beginImport(user, { upload, fileName, companyId: target.value.companyId, t });
  if (form.get("async") === "1") {
    // The import goes on after this answer; the page follows it at /imports/:runId.
    done.catch((error) => console.error(`import run ${runId}`, error));
    return { runId };
  }
  await done;
  return redirect(`/imports/${runId}`);
}

type RunData = { run: { id: number; status: string }; progress: { phase: "checking" | "writing"; done: number; total: number } | null };

type RunRow = ReturnType<typeof useLoaderData<typeof loader>>["runs"][number];
const runColumn = createColumnHelper<RunRow>();

export default function ImportsPage() {
  const { companies, isAdmin, runs, maxMb, maxRows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const runColumns = useMemo(
    () => [
      runColumn.accessor("startedAt", {
        header: t("import.startedAt"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => formatDateTime(c.getValue()),
      }),
      runColumn.accessor("fileName", {
        header: t("import.fileName"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => <Link to={`/imports/${c.row.original.id}`}>{c.getValue() ?? `#${c.row.original.id}`}</Link>,
      }),
      runColumn.accessor("by", { header: t("import.by") }),
      runColumn.accessor("company", { id: "company", header: t("projects.company"), cell: (c) => c.getValue() ?? t("import.companyByFile") }),
      runColumn.accessor("totalRows", { header: t("import.rows"), meta: { numeric: true } satisfies ColumnMeta }),
      runColumn.accessor("createdCount", { header: t("import.created"), meta: { numeric: true } satisfies ColumnMeta }),
      runColumn.accessor("updatedCount", { header: t("import.updated"), meta: { numeric: true } satisfies ColumnMeta }),
      runColumn.accessor("status", { header: t("import.status"), cell: (c) => t(`import.runStatus.${c.getValue()}` as MessageKey) }),
    ],
    [t],
  );
  const navigation = useNavigation();
  const navigate = useNavigate();
  const upload = useFetcher<typeof action>();
  const poll = useFetcher<RunData>();
  const runId = upload.data && "runId" in upload.data ? upload.data.runId : actionData && "runId" in actionData ? actionData.runId : null;
  const answer = upload.data ?? actionData;
  const f = useZodForm(importFormSchema, { intent: "import", reply: answer && "errors" in answer ? (answer as FormReply) : undefined });
  const run = poll.data?.run.id === runId ? poll.data : undefined;

  // Asks for the run's progress twice a second until it has finished, then shows its page.
  useEffect(() => {
    if (runId == null) return;
    if (run && run.run.status !== "running") {
      navigate(`/imports/${runId}`);
      return;
    }
    const timer = setTimeout(() => poll.load(`/imports/${runId}`), run ? 500 : 100);
    return () => clearTimeout(timer);
    // poll.load is stable enough; the effect follows the run's answers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId, run]);

  const submit = (form: HTMLFormElement) => {
    const formData = new FormData(form);
    formData.append("async", "1");
    upload.submit(formData, { method: "post", encType: "multipart/form-data" });
  };
  const busy = upload.state !== "idle" || navigation.state === "submitting" || (runId != null && (!run || run.run.status === "running"));

  return (
    <>
      <div className="page-head">
        <h1>{t("import.title")}</h1>
        <div className="head-actions">
          <a className="button" href="/imports/template.xlsx" download>
            {t("import.template")}
          </a>
        </div>
      </div>
      <p className="page-hint">{t("import.intro", { max: maxMb, rows: formatCount(maxRows) })}</p>

      <section className="panel">
        {/* The token comes first (ZodForm's first field): the server reads it before it accepts any byte of the file.
            The browser's own check asks for the file. */}
        <ZodForm form={f} encType="multipart/form-data" className="inline-form" noValidate={false} onValid={submit}>
          {isAdmin ? (
            <Field form={f} name="company" label={t("import.company")}>
              <select {...f.field("company")}>
                <option value="">{t("import.companyByFile")}</option>
                {companies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <div className="field">
            <label htmlFor="import-file">{t("import.file")}</label>
            <input
              id="import-file"
              type="file"
              name="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
            />
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("import.working") : t("import.submit")}
          </button>
        </ZodForm>
        {busy ? <ImportProgressBar progress={run?.progress ?? null} /> : null}
      </section>

      <section className="panel">
        <h2>{t("import.recent")}</h2>
        {runs.length === 0 ? (
          <p className="muted">{t("import.noRuns")}</p>
        ) : (
          <div className="table-wrap">
            <DataTable<RunRow>
              data={runs}
              columns={runColumns}
              hidden={isAdmin ? [] : ["company"]}
              emptyText={t("import.noRuns")}
              getRowId={(r) => String(r.id)}
            />
          </div>
        )}
      </section>
    </>
  );
}
