import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { StageBadge } from "~/components/badges";
import { DataTable } from "~/components/data-table";
import { todayInZone } from "~/lib/dates";
import { PROJECT_STAGES } from "~/lib/domain-values";
import type { ProjectStage } from "~/lib/domain-values";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canSeePipeline } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse } from "~/modules/http/respond.server";
import type { FunnelMeasure, FunnelProjectRow } from "~/modules/pipeline/funnel.server";
import { FUNNEL_DRILL_LIMIT, FUNNEL_MEASURES, funnelProjects } from "~/modules/pipeline/funnel.server";
import { parseBoardParams, parsePeriod } from "~/modules/pipeline/pipeline.schema";
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
  const stage = url.searchParams.get("stage");
  const measure = url.searchParams.get("measure") ?? "reached";
  invariantResponse((PROJECT_STAGES as readonly string[]).includes(stage ?? ""));
  invariantResponse((FUNNEL_MEASURES as readonly string[]).includes(measure));
  const q = { from: period.from, to: period.to, stage: stage as ProjectStage, measure: measure as FunnelMeasure };
  const result = await funnelProjects(user, pipelineCompanyId(user, picked), q);
  const back = new URLSearchParams({ period: period.preset, from: period.from, to: period.to, ...(picked ? { company: String(picked) } : {}) });
  return {
    ...q,
    ...result,
    back: `/pipeline/funnel?${back.toString()}${measure === "atLeast" ? "&view=cumulative" : ""}`,
    limit: FUNNEL_DRILL_LIMIT,
  };
}

export default function FunnelProjectsPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
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
      col.display({ id: "reachedOn", header: () => t("pipeline.funnel.projects.reachedOn"), cell: ({ row: { original: r } }) => r.reachedOn || "—" }),
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
  }, [t]);
  return (
    <>
      <p>
        <Link to={d.back}>← {t("pipeline.funnel.projects.back")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t("pipeline.funnel.projects.title")} · {t(`stage.${d.stage}`)} · {t(`pipeline.funnel.measure.${d.measure}`)}
        </h1>
        <span className="muted">
          {d.from} — {d.to} · <span data-testid="funnel-drill-total">{t("common.rows", { n: formatCount(d.total) })}</span>
        </span>
      </div>
      <section className="panel">
        <div className="table-wrap" data-testid="funnel-drill">
          <DataTable data={d.rows} columns={columns} sort="" dir="asc" sortHref={() => d.back} emptyText={t("common.noRows")} />
        </div>
        {d.total > d.rows.length ? <p className="muted">{t("pipeline.funnel.projects.limited", { n: formatCount(d.limit) })}</p> : null}
      </section>
    </>
  );
}
