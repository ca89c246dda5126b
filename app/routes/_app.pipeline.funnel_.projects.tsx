import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pager } from "~/components/pager";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { StageBadge } from "~/components/badges";
import { DataTable } from "~/components/data-table";
import { todayInZone } from "~/lib/dates";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canSeePipeline } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse } from "~/modules/http/respond.server";
import type { FunnelProjectRow } from "~/modules/pipeline/funnel.server";
import { FUNNEL_DRILL_PAGE_SIZE, funnelProjects } from "~/modules/pipeline/funnel.server";
import { funnelCursorSchema, parseBoardParams, parseFunnelDrill, parsePeriod } from "~/modules/pipeline/pipeline.schema";
import { openCursor, sealCursor } from "~/modules/http/sealed-cursor.server";
import { pipelineCompanyId } from "~/modules/pipeline/pipeline.server";
import { formatCount } from "~/lib/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "pipeline.funnel.projects.title");

// The projects behind a number of the funnel, in the funnel's own scope and period; a confidential project the
// viewer may not open is counted and shown as such, never named.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeePipeline(user));
  const url = new URL(request.url);
  const period = parsePeriod(url.searchParams, todayInZone());
  const picked = parseBoardParams(url.searchParams).filters.company;
  // A filter that names no number of the funnel (an unknown stage, measure, status or reason): nothing to list.
  const drill = parseFunnelDrill(url.searchParams);
  invariantResponse(drill);
  // The cursor is sealed for this viewer: one altered or someone else's is a bad request, never a server error.
  const after = drill.after ? openCursor(CURSOR_LIST, user.id, funnelCursorSchema, drill.after) : undefined;
  invariantResponse(!drill.after || after, 400);
  const number =
    drill.status === "lost" ? { status: drill.status, stage: drill.stage, reason: drill.reason } : { stage: drill.stage, measure: drill.measure };
  const result = await funnelProjects(
    user,
    pipelineCompanyId(user, picked),
    { from: period.from, to: period.to, ...number },
    { after, size: FUNNEL_DRILL_PAGE_SIZE },
  );
  const back = new URLSearchParams({ period: period.preset, from: period.from, to: period.to, ...(picked ? { company: String(picked) } : {}) });
  return {
    from: period.from,
    to: period.to,
    number,
    total: result.total,
    rows: result.rows,
    paging: { after: drill.after, next: result.next ? sealCursor(CURSOR_LIST, user.id, result.next) : undefined },
    back: `/pipeline/funnel?${back.toString()}${"measure" in number && number.measure === "atLeast" ? "&view=cumulative" : ""}`,
  };
}

const CURSOR_LIST = "funnel-projects";

/** The same drill-down on the page after `cursor`, or on its first page. */
function withAfter(search: string, cursor: string | undefined) {
  const params = new URLSearchParams(search);
  if (cursor) params.set("after", cursor);
  else params.delete("after");
  return `/pipeline/funnel/projects?${params.toString()}`;
}

export default function FunnelProjectsPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const n = d.number;
  const title =
    n.status === "lost"
      ? [t("pipeline.lost.title"), n.stage ? t(`stage.${n.stage}`) : null, n.reason ? (n.reason === "none" ? "—" : t(`lost.${n.reason}`)) : null]
      : [t(`stage.${n.stage}`), t(`pipeline.funnel.measure.${n.measure}`)];
  const lost = n.status === "lost";
  const columns = useMemo(() => {
    const col = createColumnHelper<FunnelProjectRow>();
    return [
      col.display({ id: "code", header: () => t("reports.code"), cell: ({ row: { original: r } }) => (r.hidden ? "—" : r.code) }),
      col.display({
        id: "name",
        header: () => t("reports.project"),
        cell: ({ row: { original: r } }) =>
          r.hidden ? (
            <span className="muted" data-testid="funnel-hidden">
              {t("reports.confidential")}
            </span>
          ) : (
            <Link to={`/projects/${r.id}`}>{r.name}</Link>
          ),
      }),
      col.display({
        id: "reachedOn",
        header: () => t(lost ? "pipeline.funnel.projects.lostOn" : "pipeline.funnel.projects.reachedOn"),
        cell: ({ row: { original: r } }) => r.reachedOn || "—",
      }),
      col.display({
        id: "stage",
        header: () => t("reports.stage"),
        cell: ({ row: { original: r } }) => (r.stage ? <StageBadge stage={r.stage} /> : "—"),
      }),
      col.display({
        id: "investment",
        header: () => t("reports.investmentWan"),
        meta: { numeric: true },
        cell: ({ row: { original: r } }) => formatWan(r.totalInvestmentWan),
      }),
      col.display({ id: "company", header: () => t("reports.ownerCompany"), cell: ({ row: { original: r } }) => r.companyName || "—" }),
      col.display({ id: "owner", header: () => t("reports.owner"), cell: ({ row: { original: r } }) => r.ownerName ?? "—" }),
    ];
  }, [t, lost]);
  return (
    <>
      <p>
        <Link to={d.back}>← {t("pipeline.funnel.projects.back")}</Link>
      </p>
      <div className="page-head">
        <h1>{[t("pipeline.funnel.projects.title"), ...title].filter(Boolean).join(" · ")}</h1>
        <span className="muted">
          {d.from} — {d.to} · <span data-testid="funnel-drill-total">{t("pipeline.funnel.projects.count", { n: formatCount(d.total) })}</span>
        </span>
      </div>
      <section className="panel">
        <div className="table-wrap" data-testid="funnel-drill">
          <DataTable data={d.rows} columns={columns} sort="" dir="asc" sortHref={() => d.back} emptyText={t("common.noRows")} />
        </div>
        {d.paging.next || d.paging.after ? (
          <Pager
            total={d.total}
            label={t("pipeline.funnel.projects.count", { n: formatCount(d.total) })}
            nextCursor={d.paging.next}
            showFirst={d.paging.after !== undefined}
            firstHref={withAfter(location.search, undefined)}
            pageHref={(_key, cursor) => withAfter(location.search, cursor)}
          />
        ) : null}
      </section>
    </>
  );
}
