import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { StageBadge } from "~/components/badges";
import { DataTable } from "~/components/data-table";
import { todayInZone } from "~/lib/dates";
import { formatCount, formatPercent } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canFilterByCompany, canSeePipeline, canSeeTeam } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { PeriodFilters } from "~/modules/pipeline/components/period-filters";
import { PipelineTabs } from "~/modules/pipeline/components/pipeline-tabs";
import { funnelAtLeast } from "~/modules/pipeline/funnel.server";
import { parseBoardParams, parsePeriod } from "~/modules/pipeline/pipeline.schema";
import { getFunnel, pipelineCompanyId } from "~/modules/pipeline/pipeline.server";
import { listFilterOptions } from "~/modules/projects/projects.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "pipeline.funnel.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeePipeline(user));
  const url = new URL(request.url);
  const today = todayInZone();
  const period = parsePeriod(url.searchParams, today);
  const picked = parseBoardParams(url.searchParams).filters.company;
  const companyId = pipelineCompanyId(user, picked);
  // Two readings of a stage's number: reached in the period (default), or reached at least this stage (cumulative).
  const view = url.searchParams.get("view") === "cumulative" ? ("cumulative" as const) : ("period" as const);
  const [funnel, atLeast, options] = await Promise.all([
    getFunnel(user, companyId, period.from, period.to),
    funnelAtLeast(user, companyId, period.from, period.to),
    canFilterByCompany(user) ? listFilterOptions(user, undefined) : Promise.resolve({ companies: [] as { id: number; name: string }[] }),
  ]);
  return {
    period,
    funnel,
    atLeast,
    view,
    company: picked ?? null,
    companies: options.companies,
    showCompany: canFilterByCompany(user),
    showTeam: canSeeTeam(user),
  };
}

type StageRow = Awaited<ReturnType<typeof getFunnel>>["stages"][number] & { atLeast: number };

export default function FunnelPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const rows: StageRow[] = d.funnel.stages.map((s) => ({ ...s, atLeast: d.atLeast[s.stage] }));
  const shown = (s: StageRow) => (d.view === "cumulative" ? s.atLeast : s.reached);
  const top = Math.max(1, ...rows.map(shown));
  const base = new URLSearchParams({
    period: d.period.preset,
    from: d.period.from,
    to: d.period.to,
    ...(d.company ? { company: String(d.company) } : {}),
  });
  const drill = (stage: string, measure: string) => `/pipeline/funnel/projects?${base.toString()}&stage=${stage}&measure=${measure}`;
  // A lost number opens the projects the funnel counted there: the same predicate, narrowed to the row.
  const lostHref = (stage?: string, reason?: string | null) =>
    `/pipeline/funnel/projects?${base.toString()}&status=lost${stage ? `&stage=${stage}&reason=${reason ?? "none"}` : ""}`;
  const viewHref = (view: string) => `/pipeline/funnel?${base.toString()}${view === "cumulative" ? "&view=cumulative" : ""}`;
  const columns = useMemo(() => {
    const col = createColumnHelper<StageRow>();
    const number = (n: number, stage: string, measure: string) =>
      n ? <Link to={drill(stage, measure)}>{formatCount(n)}</Link> : <span className="muted">0</span>;
    return [
      col.display({ id: "stage", header: () => t("pipeline.funnel.stage"), cell: ({ row }) => <StageBadge stage={row.original.stage} /> }),
      col.display({
        id: "reached",
        header: () => t("pipeline.funnel.reached"),
        meta: { numeric: true },
        cell: ({ row: { original: s } }) => number(s.reached, s.stage, "reached"),
      }),
      col.display({
        id: "atLeast",
        header: () => t("pipeline.funnel.atLeast"),
        meta: { numeric: true },
        cell: ({ row: { original: s } }) => number(s.atLeast, s.stage, "atLeast"),
      }),
      col.display({
        id: "bar",
        header: () => <span className="sr-only">{t(d.view === "cumulative" ? "pipeline.funnel.atLeast" : "pipeline.funnel.reached")}</span>,
        cell: ({ row: { original: s } }) => <span className="funnel-bar" style={{ width: `${(shown(s) / top) * 100}%` }} aria-hidden="true" />,
      }),
      col.display({
        id: "advanced",
        header: () => t("pipeline.funnel.advanced"),
        meta: { numeric: true },
        cell: ({ row: { original: s } }) => (s.advanced === null ? "—" : number(s.advanced, s.stage, "advanced")),
      }),
      col.display({
        id: "conversion",
        header: () => t("pipeline.funnel.conversion"),
        meta: { numeric: true },
        cell: ({ row: { original: s } }) => formatPercent(s.conversionPct),
      }),
      col.display({
        id: "median",
        header: () => t("pipeline.funnel.median"),
        meta: { numeric: true },
        cell: ({ row: { original: s } }) => formatCount(s.medianDaysToNext),
      }),
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt with the figures, the view and the language
  }, [d, t]);
  return (
    <>
      <div className="page-head">
        <h1>{t("pipeline.funnel.title")}</h1>
        <span className="muted">
          {d.period.from} — {d.period.to}
        </span>
      </div>
      <PipelineTabs query={d.company ? `company=${d.company}` : ""} showTeam={d.showTeam} />
      <PeriodFilters showCompany={d.showCompany} company={d.company} companies={d.companies} period={d.period}>
        {d.view === "cumulative" ? <input type="hidden" name="view" value="cumulative" /> : null}
      </PeriodFilters>
      <section className="panel">
        <nav className="preset-links" aria-label={t("pipeline.funnel.view")}>
          <span className="label-like">{t("pipeline.funnel.view")}</span>
          {(["period", "cumulative"] as const).map((v) => (
            <Link
              key={v}
              to={viewHref(v)}
              className={`button small${d.view === v ? " primary" : ""}`}
              aria-current={d.view === v ? "page" : undefined}
            >
              {t(`pipeline.funnel.view.${v}`)}
            </Link>
          ))}
        </nav>
        <p data-testid="funnel-explain">{t(d.view === "cumulative" ? "pipeline.funnel.explain.cumulative" : "pipeline.funnel.explain.period")}</p>
        <div className="table-wrap" data-testid="funnel">
          <DataTable
            data={rows}
            columns={columns}
            sort=""
            dir="asc"
            sortHref={() => viewHref(d.view)}
            emptyText={t("common.noRows")}
            getRowId={(s) => s.stage}
          />
        </div>
        <p className="muted small">{t("pipeline.funnel.note")}</p>
      </section>
      <section className="panel">
        <h2>
          {t("pipeline.lost.title")}{" "}
          <span className="muted">
            ({d.funnel.lostTotal ? <Link to={lostHref()}>{formatCount(d.funnel.lostTotal)}</Link> : formatCount(d.funnel.lostTotal)})
          </span>
        </h2>
        {d.funnel.lost.length === 0 ? (
          <p className="muted">{t("pipeline.lost.none")}</p>
        ) : (
          <table className="data" data-testid="funnel-lost">
            <thead>
              <tr>
                <th scope="col">{t("pipeline.lost.stage")}</th>
                <th scope="col">{t("pipeline.lost.reason")}</th>
                <th scope="col" className="num">
                  {t("pipeline.lost.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.funnel.lost.map((l) => (
                <tr key={`${l.stage}-${l.reason}`}>
                  <td>
                    <StageBadge stage={l.stage} />
                  </td>
                  <td>{l.reason ? t(`lost.${l.reason}`) : "—"}</td>
                  <td className="num">
                    <Link to={lostHref(l.stage, l.reason)}>{formatCount(l.n)}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
