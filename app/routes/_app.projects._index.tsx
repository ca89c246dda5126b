import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { LightDot, StageBadge, StatusBadge } from "~/components/badges";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { ColumnsMenu, parseHidden } from "~/components/columns-menu";
import { Pager } from "~/components/pager";
import { todayInZone } from "~/lib/dates";
import { listLinks } from "~/lib/list-state";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canCreateProjectIn, canFilterByCompany, canSaveCompanyView, canSeePipeline } from "~/modules/auth/policy";
import { SaveViewForm } from "~/modules/pipeline/components/save-view-form";
import { filterQuery } from "~/modules/pipeline/pipeline.schema";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ExportLinks } from "~/modules/imports/components/export-links";
import type { ProjectListRow } from "~/modules/projects/projects.server";
import { projectListPageRow } from "~/modules/projects/project-list-row";
import { ProjectFilters } from "~/modules/projects/components/project-filters";
import { listFilterOptions, listProjects } from "~/modules/projects/projects.server";
import { parseProjectListParams } from "~/modules/projects/projects.schema";
import { formatCount } from "~/lib/format";
import { CellLink } from "~/components/cell-link";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "projects.title");

const HIDEABLE = ["code", "cluster", "company", "owner", "light", "lastActivity", "nextAction", "signed"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  // A page cannot answer with a download: the export is its own route, with the same filters.
  if (requestedExport(url)) throw redirect(`/projects/export${url.search}`);
  const params = parseProjectListParams(url.searchParams);
  const hidden = parseHidden(url.searchParams, HIDEABLE);
  const [list, options] = await Promise.all([listProjects(user, params), listFilterOptions(user, params.company)]);
  const today = todayInZone();
  return {
    params,
    hidden,
    rows: list.rows.map((r) => projectListPageRow(r, today)),
    total: list.total,
    totalCapped: list.totalCapped,
    nextCursor: list.nextCursor,
    prevCursor: list.prevCursor,
    options,
    showCompany: canFilterByCompany(user),
    canCreate: !!user.companyId && canCreateProjectIn(user, user.companyId),
    canShare: canSaveCompanyView(user),
    // The board shows the same filters; admins have no board.
    boardHref: canSeePipeline(user) ? `/pipeline${filterQuery(params).size ? `?${filterQuery(params)}` : ""}` : null,
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];
const column = createColumnHelper<Row>();

export default function ProjectListPage() {
  const data = useLoaderData<typeof loader>();
  const { params, options, hidden } = data;
  const t = useT();
  const navigation = useNavigation();

  const columns = useMemo(
    () => [
      column.accessor("code", {
        id: "code",
        header: t("projects.code"),
        meta: { sortKey: "code", cardHidden: true } satisfies ColumnMeta,
        cell: (c) => <span className="nowrap">{c.getValue()}</span>,
      }),
      column.accessor("name", {
        id: "name",
        header: t("projects.name"),
        meta: { sortKey: "name", cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <CellLink to={`/projects/${c.row.original.id}`}>{c.getValue()}</CellLink>
            {c.row.original.confidential ? <span className="badge confidential"> {t("projects.confidential")}</span> : null}
            <div className="muted">{c.row.original.investorName}</div>
          </>
        ),
      }),
      column.accessor("clusterName", { id: "cluster", header: t("projects.cluster") }),
      column.accessor("companyName", { id: "company", header: t("projects.company"), meta: { cardHidden: true } satisfies ColumnMeta }),
      column.accessor("ownerName", { id: "owner", header: t("projects.owner"), cell: (c) => c.getValue() ?? "—" }),
      column.accessor("stage", {
        id: "stage",
        header: t("projects.stage"),
        meta: { sortKey: "stage" } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <StageBadge stage={c.getValue()} />
            {c.row.original.status !== "active" ? (
              <>
                {" "}
                <StatusBadge status={c.row.original.status} />
              </>
            ) : null}
          </>
        ),
      }),
      column.accessor("light", { id: "light", header: t("projects.light"), cell: (c) => <LightDot light={c.getValue()} /> }),
      column.accessor("totalInvestmentWan", {
        id: "investment",
        header: t("projects.totalInvestment"),
        meta: { sortKey: "investment", numeric: true } satisfies ColumnMeta,
        cell: (c) => formatWan(c.getValue()),
      }),
      column.accessor("signedOn", {
        id: "signed",
        header: t("projects.signedOn"),
        meta: { sortKey: "signed", cardHidden: true } satisfies ColumnMeta,
        cell: (c) => <span className="nowrap">{c.getValue() ?? "—"}</span>,
      }),
      column.accessor("lastActivityOn", {
        id: "lastActivity",
        header: t("projects.lastActivity"),
        meta: { sortKey: "lastActivity", cardHidden: true } satisfies ColumnMeta,
        cell: (c) => <span className="nowrap">{c.getValue() ?? "—"}</span>,
      }),
      column.accessor("nextActionOn", {
        id: "nextAction",
        header: t("projects.nextAction"),
        meta: { sortKey: "nextAction" } satisfies ColumnMeta,
        cell: (c) =>
          c.row.original.nextAction ? (
            <>
              <span className={c.row.original.nextActionOverdue ? "nowrap overdue" : "nowrap"}>{c.getValue()}</span>
              <div className="muted">{c.row.original.nextAction}</div>
            </>
          ) : (
            "—"
          ),
      }),
    ],
    [t],
  );

  const filters = {
    q: params.q,
    stage: params.stage,
    status: params.status,
    owner: params.owner,
    cluster: params.cluster,
    company: params.company,
    light: params.light,
    hide: hidden.length ? hidden.join(",") : undefined,
  };
  const { sortHref, pageHref, firstHref, withFilter, sizeHref } = listLinks(params, filters);

  return (
    <>
      <div className="page-head">
        <h1>{params.owner === "me" ? t("nav.myProjects") : t("projects.title")}</h1>
        <div className="head-actions">
          <span className="muted">{t("common.rows", { n: `${formatCount(data.total)}${data.totalCapped ? "+" : ""}` })}</span>
          <ExportLinks path="/projects/export" />
          {data.boardHref ? (
            <span className="segmented">
              <span className="active" aria-current="page">
                {t("pipeline.viewTable")}
              </span>
              <Link to={data.boardHref}>{t("pipeline.viewBoard")}</Link>
            </span>
          ) : null}
          <SaveViewForm list="projects" canShare={data.canShare} />
          {data.canCreate ? (
            <Link to="/projects/new" className="button primary">
              {t("projects.new")}
            </Link>
          ) : null}
        </div>
      </div>

      <ProjectFilters
        values={params}
        options={options}
        showCompany={data.showCompany}
        showStage
        companyAllLabel="common.all"
        resetTo="/projects"
        hidden={{
          sort: params.sort !== "updated" ? params.sort : undefined,
          dir: params.dir !== "desc" ? params.dir : undefined,
          hide: hidden.length ? hidden.join(",") : undefined,
        }}
      >
        <ColumnsMenu columns={HIDEABLE_LABELS} hidden={hidden} hideHref={(next) => withFilter("hide", next)} />
      </ProjectFilters>

      <div className="table-wrap" aria-busy={navigation.state === "loading"}>
        <DataTable<Row>
          data={data.rows}
          columns={columns}
          sort={params.sort}
          dir={params.dir}
          sortHref={sortHref}
          hidden={hidden}
          emptyText={t("common.noRows")}
          getRowId={(r: ProjectListRow | Row) => String(r.id)}
        />
        <Pager
          total={data.total}
          more={data.totalCapped}
          prevCursor={data.prevCursor}
          nextCursor={data.nextCursor}
          firstHref={firstHref}
          pageHref={pageHref}
          size={{ current: params.size, href: sizeHref }}
        />
      </div>
    </>
  );
}

const HIDEABLE_LABELS = [
  ["code", "projects.code"],
  ["cluster", "projects.cluster"],
  ["company", "projects.company"],
  ["owner", "projects.owner"],
  ["light", "projects.light"],
  ["signed", "projects.signedOn"],
  ["lastActivity", "projects.lastActivity"],
  ["nextAction", "projects.nextAction"],
] as const;
