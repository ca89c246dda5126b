import { readingReports } from "~/modules/reports/replica.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { ConflictNotice } from "~/components/conflict-notice";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { parseForm } from "~/lib/forms";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeReports, canSetTargets } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ExportLinks } from "~/modules/reports/components/report-filters";
import { TargetForm } from "~/modules/reports/components/target-form";
import { annualTargetSchema } from "~/modules/reports/reports.schema";
import type { TargetRow } from "~/modules/reports/targets.server";
import { saveAnnualTarget, targetProgress, targetsYear } from "~/modules/reports/targets.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { formatPercent } from "~/lib/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "targets.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeReports(user), 403);
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/reports/export/targets${url.search}`);
  const { year, asOf } = targetsYear(url);
  const rows = await readingReports(() => targetProgress(user.zoneId, year, asOf));
  const canEdit = canSetTargets(user);
  const editId = Number(url.searchParams.get("edit"));
  const editing = canEdit ? (rows.find((r) => r.companyId === editId) ?? null) : null;
  invariantResponse(editing || !canEdit || !url.searchParams.get("edit"));
  return { year, asOf, rows, canEdit, editing };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canSetTargets(user), 403);
  const parsed = parseForm(annualTargetSchema, form);
  if (!parsed.ok) return replyInvalid("target", parsed.errors, form);
  const result = throwIfRefused(await saveAnnualTarget(user, parsed.data));
  if (result.kind === "conflict") {
    // The typed values go back with what is saved now; the form then carries the version it saw.
    const values = Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v)]));
    return data({ intent: "target", errors: {}, values, conflict: result.detail }, { status: 409 });
  }
  const t = await getTranslator(request);
  const rows = await targetProgress(user.zoneId, parsed.data.year, `${parsed.data.year}-01-01`);
  const company = rows.find((r) => r.companyId === parsed.data.companyId)?.company ?? "";
  return redirect(`/reports/targets?year=${parsed.data.year}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("targets.saved", { company, year: parsed.data.year }) }) },
  });
}

const pct = (v: string | null) => formatPercent(v);
const num: ColumnMeta = { numeric: true };

/** The year's targets against the actuals: one DataTable column per figure, the group named in each header. */
function useTargetColumns(year: number, canEdit: boolean): ColumnDef<TargetRow>[] {
  const t = useT();
  return useMemo(() => {
    const head = (group: string, part: string) => (
      <>
        {group}
        <div className="muted">{part}</div>
      </>
    );
    const noTarget = <span className="muted">{t("targets.none")}</span>;
    const cols: ColumnDef<TargetRow>[] = [
      { id: "company", header: t("reports.company"), cell: ({ row }) => <strong className="row-name">{row.original.company}</strong> },
      {
        id: "signedTarget",
        header: () => head(t("targets.signedCount"), t("targets.target")),
        meta: num,
        cell: ({ row }) => (row.original.target ? row.original.target.signedCount : noTarget),
      },
      {
        id: "signedActual",
        header: () => head(t("targets.signedCount"), t("targets.actual")),
        meta: num,
        cell: ({ row }) => row.original.actual.signedCount,
      },
      {
        id: "signedCompletion",
        header: () => head(t("targets.signedCount"), t("targets.completion")),
        meta: num,
        cell: ({ row }) => pct(row.original.completion.signedCount),
      },
      {
        id: "wanTarget",
        header: () => head(t("targets.signedInvestment"), t("targets.target")),
        meta: num,
        cell: ({ row }) => (row.original.target ? formatWan(row.original.target.signedInvestmentWan) : "—"),
      },
      {
        id: "wanActual",
        header: () => head(t("targets.signedInvestment"), t("targets.actual")),
        meta: num,
        cell: ({ row }) => formatWan(row.original.actual.signedInvestmentWan),
      },
      {
        id: "wanCompletion",
        header: () => head(t("targets.signedInvestment"), t("targets.completion")),
        meta: num,
        cell: ({ row }) => pct(row.original.completion.signedInvestment),
      },
      {
        id: "wanGap",
        header: () => head(t("targets.signedInvestment"), t("targets.gap")),
        meta: num,
        cell: ({ row }) => <span data-testid="gap-wan">{row.original.gap ? formatWan(row.original.gap.signedInvestmentWan) : "—"}</span>,
      },
      {
        id: "constructionTarget",
        header: () => head(t("targets.constructionCount"), t("targets.target")),
        meta: num,
        cell: ({ row }) => (row.original.target ? row.original.target.constructionCount : "—"),
      },
      {
        id: "constructionActual",
        header: () => head(t("targets.constructionCount"), t("targets.actual")),
        meta: num,
        cell: ({ row }) => row.original.actual.constructionCount,
      },
      {
        id: "constructionCompletion",
        header: () => head(t("targets.constructionCount"), t("targets.completion")),
        meta: num,
        cell: ({ row }) => pct(row.original.completion.constructionCount),
      },
      {
        id: "productionTarget",
        header: () => head(t("targets.productionCount"), t("targets.target")),
        meta: num,
        cell: ({ row }) => (row.original.target ? row.original.target.productionCount : "—"),
      },
      {
        id: "productionActual",
        header: () => head(t("targets.productionCount"), t("targets.actual")),
        meta: num,
        cell: ({ row }) => row.original.actual.productionCount,
      },
      {
        id: "productionCompletion",
        header: () => head(t("targets.productionCount"), t("targets.completion")),
        meta: num,
        cell: ({ row }) => pct(row.original.completion.productionCount),
      },
      { id: "overall", header: t("targets.overall"), meta: num, cell: ({ row }) => <strong>{pct(row.original.overall)}</strong> },
    ];
    if (canEdit) {
      cols.push({
        id: "actions",
        header: t("common.actions"),
        cell: ({ row }) => (
          <Link to={`/reports/targets?year=${year}&edit=${row.original.companyId}#edit`} className="button small">
            {t("targets.edit")}
          </Link>
        ),
      });
    }
    return cols;
  }, [t, year, canEdit]);
}

export default function TargetsPage() {
  const { year, asOf, rows, canEdit, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const location = useLocation();
  const columns = useTargetColumns(year, canEdit);
  const conflict = actionData && "conflict" in actionData ? actionData.conflict : null;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const target = editing?.target;
  const formVersion = conflict ? conflict.version : (target?.version ?? 0);
  return (
    <>
      <div className="page-head">
        <h1>{t("targets.title")}</h1>
        <Form method="get" className="filters">
          <div className="field">
            <label htmlFor="target-year">{t("targets.year")}</label>
            <input id="target-year" name="year" type="number" min={2000} max={2100} defaultValue={year} />
          </div>
          <button type="submit" className="button">
            {t("reports.apply")}
          </button>
        </Form>
        <div className="head-actions">
          <ExportLinks path="/reports/export/targets" search={location.search || `?year=${year}`} />
        </div>
      </div>
      <p className="muted">{t("targets.asOf", { date: asOf })}</p>
      {editing ? (
        <section className="panel" id="edit">
          <h2>{t("targets.editTitle", { company: editing.company, year })}</h2>
          {conflict ? (
            <ConflictNotice
              title={(who) => t("targets.conflictTitle", who)}
              by={conflict.by}
              at={conflict.at}
              rows={(["signedCount", "signedInvestmentWan", "constructionCount", "productionCount"] as const).map((k) => ({
                key: k,
                label: t(k === "signedInvestmentWan" ? "targets.signedInvestment" : `targets.${k}`),
                theirs: String(conflict.current[k]),
                yours: values[k] ?? "",
              }))}
            />
          ) : null}
          <TargetForm
            key={`${editing.companyId}-${formVersion}-${JSON.stringify(actionData ?? {})}`}
            companyId={editing.companyId}
            year={year}
            version={formVersion}
            cancelTo={`/reports/targets?year=${year}`}
            reply={actionData}
            defaults={{
              signedCount: values.signedCount ?? String(target?.signedCount ?? 0),
              signedInvestmentWan: values.signedInvestmentWan ?? target?.signedInvestmentWan ?? "0",
              constructionCount: values.constructionCount ?? String(target?.constructionCount ?? 0),
              productionCount: values.productionCount ?? String(target?.productionCount ?? 0),
            }}
          />
        </section>
      ) : null}
      <section className="panel">
        <div className="table-wrap report" data-testid="targets">
          <DataTable<TargetRow>
            data={rows}
            columns={columns}
            sort=""
            dir="asc"
            sortHref={() => "#"}
            emptyText={t("common.none")}
            getRowId={(r) => String(r.companyId)}
          />
        </div>
      </section>
    </>
  );
}
