import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { Fragment, useMemo } from "react";
import { DataTable } from "~/components/data-table";
import { todayInZone } from "~/lib/dates";
import { formatCount, formatPercent } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { companySpeed } from "~/modules/approvals/speed.server";
import { PROJECT_SPANS } from "~/modules/approvals/speed-rules";
import type { ProjectSpan } from "~/modules/approvals/speed-rules";
import { canFilterByCompany, canSeePipeline, canSeeTeam } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse } from "~/modules/http/respond.server";
import { PeriodFilters } from "~/modules/pipeline/components/period-filters";
import { PipelineTabs } from "~/modules/pipeline/components/pipeline-tabs";
import { parseBoardParams, parsePeriod } from "~/modules/pipeline/pipeline.schema";
import { pipelineCompanyId } from "~/modules/pipeline/pipeline.server";
import { listFilterOptions } from "~/modules/projects/projects.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "speed.title");

// 审批时效 (issue 21 item 4): a company's approval items per item type and its projects' days to construction and
// production in a period. Staff and managers see their own company; leaders any company of the zone, or the zone.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeePipeline(user));
  const url = new URL(request.url);
  const period = parsePeriod(url.searchParams, todayInZone());
  const picked = parseBoardParams(url.searchParams).filters.company;
  const companyId = pipelineCompanyId(user, picked);
  const options = canFilterByCompany(user) ? await listFilterOptions(user, undefined) : { companies: [] as { id: number; name: string }[] };
  // A leader's pick must be a company of the zone: another zone's company is not found, not an empty page.
  invariantResponse(picked === undefined || !canFilterByCompany(user) || options.companies.some((c) => c.id === picked));
  const speed = await companySpeed(user, { zoneId: user.zoneId, companyId, from: period.from, to: period.to });
  return {
    period,
    speed,
    company: picked ?? null,
    companyName: options.companies.find((c) => c.id === picked)?.name ?? null,
    companies: options.companies,
    showCompany: canFilterByCompany(user),
    showTeam: canSeeTeam(user),
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type TypeRow = Data["speed"]["itemTypes"][number];
type Ref = { id: number; name: string | null; code: string | null; confidential: boolean };

function ProjectName({ project }: { project: Ref }) {
  const t = useT();
  if (project.name === null) return <span className="muted">{t("speed.confidentialProject")}</span>;
  return <Link to={`/projects/${project.id}`}>{project.name}</Link>;
}

export default function SpeedPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const columns = useMemo(() => {
    const col = createColumnHelper<TypeRow>();
    return [
      col.accessor("name", { header: t("speed.itemType"), meta: { rowHeader: true, cardTitle: true, label: t("speed.itemType") } }),
      col.accessor("count", { header: t("speed.granted"), meta: { numeric: true }, cell: (c) => formatCount(c.getValue()) }),
      col.accessor("medianDays", { header: t("speed.medianDays"), meta: { numeric: true }, cell: (c) => c.getValue() ?? "—" }),
      col.accessor("medianAllowedDays", { header: t("speed.allowedDays"), meta: { numeric: true }, cell: (c) => c.getValue() ?? "—" }),
      col.display({
        id: "within",
        header: t("speed.withinAllowed"),
        meta: { numeric: true },
        cell: ({ row: { original: r } }) => `${formatCount(r.withinAllowed)}（${formatPercent(r.withinAllowedPercent)}）`,
      }),
      col.display({
        id: "slowest",
        header: t("speed.slowest"),
        cell: ({ row: { original: r } }) =>
          r.slowest ? (
            <span data-testid="slowest">
              {t("speed.slowestDays", { days: String(r.slowest.days), allowed: String(r.slowest.allowedDays) })} ·{" "}
              <ProjectName project={r.slowest.project} />
            </span>
          ) : (
            "—"
          ),
      }),
    ];
  }, [t]);
  const query = d.company ? `company=${d.company}` : "";
  return (
    <>
      <div className="page-head">
        <h1>{t("speed.title")}</h1>
        <span className="muted">
          {d.companyName ?? (d.showCompany ? t("pipeline.wholeZone") : "")} {d.period.from} — {d.period.to}
        </span>
      </div>
      <PipelineTabs query={query} showTeam={d.showTeam} />
      <PeriodFilters showCompany={d.showCompany} company={d.company} companies={d.companies} period={d.period} />
      <p className="muted small" data-testid="speed-rule">
        {t("speed.rule")}
      </p>
      <section className="panel">
        <h2>{t("speed.projects")}</h2>
        <dl className="facts" data-testid="speed-spans">
          {PROJECT_SPANS.map((span: ProjectSpan) => {
            const s = d.speed.spans[span];
            return (
              <Fragment key={span}>
                <dt>{t(`speed.span.${span}`)}</dt>
                <dd data-testid={`span-${span}`}>
                  <strong>{s.medianDays === null ? "—" : t("speed.medianOf", { days: s.medianDays })}</strong>{" "}
                  <span className="muted">{t("speed.projectsCounted", { n: String(s.count) })}</span>
                  {s.undated ? <div className="muted">{t("speed.undated", { n: String(s.undated) })}</div> : null}
                  {s.slowest ? (
                    <div>
                      {t("speed.slowestSpan", { days: String(s.slowest.days) })} · <ProjectName project={s.slowest.project} />
                    </div>
                  ) : null}
                </dd>
              </Fragment>
            );
          })}
        </dl>
        <p className="muted small">{t("speed.projects.note")}</p>
      </section>
      <section className="panel">
        <h2>{t("speed.items")}</h2>
        <p data-testid="speed-all-items">
          {d.speed.allItems.count === 0
            ? t("speed.noItems")
            : t("speed.allItems", {
                n: String(d.speed.allItems.count),
                median: d.speed.allItems.medianDays ?? "—",
                within: formatPercent(d.speed.allItems.withinAllowedPercent),
              })}
        </p>
        {d.speed.itemTypes.length ? (
          <div className="table-wrap" data-testid="speed-item-types">
            <DataTable
              data={d.speed.itemTypes}
              columns={columns}
              getRowId={(r) => r.key}
              sort=""
              dir="asc"
              sortHref={() => ""}
              emptyText={t("speed.noItems")}
            />
          </div>
        ) : null}
        <p className="muted small">{t("speed.items.note")}</p>
      </section>
    </>
  );
}
