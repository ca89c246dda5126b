import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { StageBadge } from "~/components/badges";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { Pager } from "~/components/pager";
import { todayInZone } from "~/lib/dates";
import { searchParamsRecord } from "~/lib/list-state";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canFilterByCompany, canSaveCompanyView, canSeePipeline, canSeeTeam } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { ProjectFilters } from "~/modules/projects/components/project-filters";
import { PipelineTabs } from "~/modules/pipeline/components/pipeline-tabs";
import { SaveViewForm } from "~/modules/pipeline/components/save-view-form";
import type { ChasingTab } from "~/modules/pipeline/pipeline.schema";
import { CHASING_TABS, chasingParamsSchema, filterQuery, parseBoardParams } from "~/modules/pipeline/pipeline.schema";
import { countChasing, listChasing } from "~/modules/pipeline/pipeline.server";
import { openEscalations, overdueApprovals } from "~/modules/approvals/approvals.server";
import { listFilterOptions } from "~/modules/projects/projects.server";
import { decodeCursor } from "~/modules/projects/projects.schema";
import { invariantResponse } from "~/modules/http/respond.server";
import { formatCount } from "~/lib/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "pipeline.chasing.title");

/** Rows a page of a chasing list shows; the next ones are a keyset page away, all of them in the export. */
const SHOWN = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeePipeline(user));
  const url = new URL(request.url);
  const { filters } = parseBoardParams(url.searchParams);
  const { tab, sort, dir } = chasingParamsSchema.parse(searchParamsRecord(url.searchParams));
  const today = todayInZone();
  const after = url.searchParams.get("after") ?? undefined;
  const [list, counts, options, approvals, escalations] = await Promise.all([
    listChasing(user, filters, tab, sort, dir, today, SHOWN, decodeCursor(after)),
    countChasing(user, filters, today),
    listFilterOptions(user, filters.company),
    overdueApprovals(user),
    openEscalations(user),
  ]);
  return {
    filters,
    tab,
    sort,
    dir,
    query: filterQuery(filters).toString(),
    rows: list.rows,
    total: list.total,
    nextCursor: list.nextCursor,
    paged: !!after,
    counts,
    options,
    showCompany: canFilterByCompany(user),
    showTeam: canSeeTeam(user),
    canShare: canSaveCompanyView(user),
    // Issue 21: approval items overdue and blockers escalated to the committee (督办), whatever the tab.
    approvals,
    escalations,
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];
const column = createColumnHelper<Row>();

export default function ChasingPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const href = (over: Record<string, string>) => {
    const sp = new URLSearchParams(d.query);
    const all = { tab: d.tab, sort: d.sort, dir: d.dir, ...over };
    for (const [k, v] of Object.entries(all)) {
      if ((k === "sort" && v === "days") || (k === "dir" && v === "desc") || (k === "tab" && v === "stale")) continue;
      sp.set(k, v);
    }
    return `?${sp}`;
  };
  const columns = useMemo(
    () => [
      column.accessor("name", {
        id: "name",
        header: t("projects.name"),
        meta: { sortKey: "name", cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <Link to={d.tab === "handoffs" ? `/handoffs/${c.row.original.handoffId}` : `/projects/${c.row.original.id}`}>{c.getValue()}</Link>
            <div className="muted">{c.row.original.investorName}</div>
          </>
        ),
      }),
      column.accessor("ownerName", {
        id: "owner",
        header: t("projects.owner"),
        meta: { sortKey: "owner" } satisfies ColumnMeta,
        cell: (c) => c.getValue() ?? "—",
      }),
      column.accessor("companyName", {
        id: "company",
        header: d.tab === "handoffs" ? t("pipeline.chasing.fromCompany") : t("projects.company"),
        cell: (c) => (
          <>
            {c.getValue()}
            {c.row.original.toCompanyName ? <div className="muted">→ {c.row.original.toCompanyName}</div> : null}
          </>
        ),
      }),
      column.accessor("stage", { id: "stage", header: t("projects.stage"), cell: (c) => <StageBadge stage={c.getValue()} /> }),
      column.accessor("totalInvestmentWan", {
        id: "investment",
        header: t("projects.totalInvestment"),
        meta: { sortKey: "investment", numeric: true } satisfies ColumnMeta,
        cell: (c) => formatWan(c.getValue()),
      }),
      column.accessor("days", {
        id: "days",
        header: t(`pipeline.chasing.days.${d.tab as ChasingTab}`),
        meta: { sortKey: "days", numeric: true } satisfies ColumnMeta,
        cell: (c) => <strong className={d.tab === "yellow" ? undefined : "overdue"}>{formatCount(c.getValue())}</strong>,
      }),
      column.accessor("lastActivityOn", {
        id: "lastActivity",
        header: t("projects.lastActivity"),
        meta: { cardHidden: true } satisfies ColumnMeta,
        cell: (c) => <span className="nowrap">{c.getValue() ?? "—"}</span>,
      }),
      column.accessor("nextActionOn", {
        id: "nextAction",
        header: t("projects.nextAction"),
        cell: (c) =>
          c.row.original.nextAction ? (
            <>
              <span className="nowrap">{c.getValue()}</span>
              <div className="muted">{c.row.original.nextAction}</div>
            </>
          ) : (
            "—"
          ),
      }),
    ],
    [t, d.tab],
  );
  // The file comes from a resource route (a page route cannot answer with a download).
  const exportHref = (format: "xlsx" | "csv") => `/pipeline/chasing/export${href({})}&export=${format}`.replace("?&", "?");
  return (
    <>
      <div className="page-head">
        <h1>{t("pipeline.chasing.title")}</h1>
        <div className="head-actions">
          <a className="button" href={exportHref("xlsx")} download>
            {t("import.exportXlsx")}
          </a>
          <a className="button" href={exportHref("csv")} download>
            {t("import.exportCsv")}
          </a>
          <SaveViewForm list="chasing" canShare={d.canShare} />
        </div>
      </div>
      <PipelineTabs query={d.filters.company ? `company=${d.filters.company}` : ""} showTeam={d.showTeam} />
      <ProjectFilters
        values={d.filters}
        options={d.options}
        showCompany={d.showCompany}
        resetTo={`/pipeline/chasing${d.tab !== "stale" ? `?tab=${d.tab}` : ""}`}
        hidden={{ tab: d.tab !== "stale" ? d.tab : undefined }}
      />
      <nav className="sub-tabs" aria-label={t("pipeline.chasing.title")}>
        {CHASING_TABS.map((tab) => (
          <Link
            key={tab}
            to={href({ tab, sort: "days", dir: "desc" })}
            className={tab === d.tab ? "active" : undefined}
            aria-current={tab === d.tab ? "page" : undefined}
          >
            {t(`pipeline.chasing.${tab}`)}
            <span className="count-badge">{formatCount(d.counts[tab])}</span>
          </Link>
        ))}
      </nav>
      <p className="muted small">{t(`pipeline.chasing.intro.${d.tab as ChasingTab}`)}</p>
      <div className="table-wrap">
        <DataTable<Row>
          data={d.rows}
          columns={columns}
          sort={d.sort}
          dir={d.dir}
          sortHref={(sort, dir) => href({ sort, dir })}
          emptyText={t("common.noRows")}
          getRowId={(r) => String(r.handoffId ?? r.id)}
        />
        <Pager
          total={d.total}
          showFirst={d.paged}
          nextCursor={d.nextCursor}
          firstHref={href({})}
          pageHref={(_key, cursor) => href({ after: cursor })}
        />
      </div>
      <section className="panel" id="escalations">
        <h2>
          {t("approvals.escalations")} <span className="count-badge">{formatCount(d.escalations.length)}</span>
        </h2>
        <p className="muted small">{t("approvals.escalationsHint")}</p>
        {d.escalations.length === 0 ? <p className="muted">{t("common.noRows")}</p> : null}
        <ul className="timeline">
          {d.escalations.map((e) => (
            <li key={e.blockerId}>
              <Link to={`/projects/${e.projectId}/approvals/${e.approvalId}#blockers`}>
                {e.projectName} · {e.name}
              </Link>
              <div className="meta">
                {e.companyName} ·{" "}
                <span className={e.overdue ? "overdue" : undefined}>{t("approvals.escalatedUntil", { on: e.escalationDueOn ?? "—" })}</span>
              </div>
              <div>{e.note}</div>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" id="overdue-approvals">
        <h2>
          {t("approvals.overdue")} <span className="count-badge">{formatCount(d.approvals.length)}</span>
        </h2>
        <p className="muted small">{t("approvals.overdueHint")}</p>
        {d.approvals.length === 0 ? <p className="muted">{t("common.noRows")}</p> : null}
        <ul className="timeline">
          {d.approvals.map((a) => (
            <li key={a.id}>
              <Link to={`/projects/${a.projectId}/approvals/${a.id}`}>
                {a.projectName} · {a.name}
              </Link>
              <div className="meta">
                {a.companyName} · {t("approvals.agent")} {a.agentName ?? "—"} ·{" "}
                <span className="overdue">
                  {a.dueOn ? t("approvals.dueOn", { on: a.dueOn }) : t("approvals.plannedOn", { on: a.plannedSubmitOn ?? "—" })}
                </span>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
