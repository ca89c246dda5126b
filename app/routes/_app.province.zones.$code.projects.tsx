import { readingReports } from "~/modules/reports/replica.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pager } from "~/components/pager";
import { namedOptions, SelectField } from "~/components/select-field";
import { formatDateTime } from "~/lib/dates";
import { formatCount } from "~/lib/format";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { periodQuery } from "~/lib/periods";
import { useT } from "~/lib/use-i18n";
import { requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse } from "~/modules/http/respond.server";
import { zoneProjects } from "~/modules/province/drill.server";
import { milestoneParam, provincePeriod, requireProvinceReader, requireZone } from "~/modules/province/province-routes.server";
import { ExportLinks, ReportFilters } from "~/modules/reports/components/report-filters";
import { MILESTONES } from "~/modules/reports/milestones";
import { reportCompanies } from "~/modules/reports/three-batches.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.drill.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, reader } = await requireProvinceReader(request);
  const zone = await requireZone(reader, params.code);
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/province/export/zone-projects?zone=${zone.code}&${url.search.slice(1)}`);
  const { period, error } = provincePeriod(url);
  const companies = await reportCompanies(zone.id);
  const companyParam = url.searchParams.get("company");
  const company = companyParam ? (companies.find((c) => String(c.id) === companyParam) ?? null) : null;
  // Another zone's company, or none: nothing to say about it.
  invariantResponse(!companyParam || company);
  const milestone = milestoneParam(url);
  const result = await readingReports(() =>
    zoneProjects(
      user,
      zone,
      { from: period.from, to: period.to, companyId: company?.id ?? null, milestone },
      { after: url.searchParams.get("after") },
    ),
  );
  return {
    zone: { code: zone.code, name: zone.name },
    companies: companies.map((c) => ({ id: c.id, name: c.name })),
    company: company ? { id: company.id, name: company.name } : null,
    milestone,
    period,
    error,
    ...result,
    published: result.published ? { at: new Date(result.published.publishedAt).toISOString() } : null,
  };
}

function withAfter(path: string, search: string, cursor: string | undefined) {
  const params = new URLSearchParams(search);
  if (cursor) params.set("after", cursor);
  else params.delete("after");
  return `${path}?${params.toString()}`;
}

export default function ProvinceZoneProjectsPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const path = `/province/zones/${d.zone.code}/projects`;
  return (
    <>
      <p>
        <Link to={`/province/zones/${d.zone.code}?${periodQuery(d.period)}`}>← {t("province.backZone", { zone: d.zone.name })}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t("province.projectsTitle", { zone: d.zone.name })} · {d.company?.name ?? t("province.allCompanies")} ·{" "}
          {d.milestone ? t(`reports.milestone.${d.milestone}`) : t("reports.drill.all")}
        </h1>
        <div className="head-actions">
          <span className="muted">{t("common.rows", { n: formatCount(d.total.count) })}</span>
          <ExportLinks path="/province/export/zone-projects" search={`?zone=${d.zone.code}&${location.search.slice(1)}`} />
        </div>
      </div>
      <ReportFilters
        action={path}
        period={d.period}
        extra={
          <>
            <SelectField
              id="drill-company"
              name="company"
              label={t("province.company")}
              value={d.company ? String(d.company.id) : ""}
              emptyLabel={t("province.allCompanies")}
              options={namedOptions(d.companies)}
            />
            <SelectField
              id="drill-milestone"
              name="milestone"
              label={t("reports.milestone")}
              value={d.milestone}
              emptyLabel={t("reports.drill.all")}
              options={MILESTONES.map((m) => ({ value: m, label: t(`reports.milestone.${m}`) }))}
            />
          </>
        }
      />
      {d.error ? (
        <p className="field-error" role="alert">
          {t(d.error)}
        </p>
      ) : null}
      <p className="report-banner">{d.published ? t("province.zonePublished", { at: formatDateTime(d.published.at) }) : t("province.zoneLive")}</p>
      <p className="muted">{t("province.projectsNote")}</p>
      <section className="panel">
        <div className="table-wrap">
          <table className="data" data-testid="drill-down">
            <thead>
              <tr>
                <th scope="col">{t("reports.code")}</th>
                <th scope="col">{t("reports.project")}</th>
                <th scope="col">{t("reports.milestone")}</th>
                <th scope="col">{t("reports.businessOn")}</th>
                <th scope="col" className="num">
                  {t("reports.investmentWan")}
                </th>
                <th scope="col">{t("reports.ownerCompany")}</th>
                <th scope="col">{t("reports.stage")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted">
                    {t("common.noRows")}
                  </td>
                </tr>
              ) : null}
              {d.rows.map((r, i) =>
                r.hidden ? (
                  <tr key={`hidden-${i}`} data-testid="drill-hidden">
                    <td className="nowrap">—</td>
                    <td>
                      <span className="muted">{t("reports.confidential")}</span>
                    </td>
                    <td>{t(`reports.milestone.${r.milestone}`)}</td>
                    <td colSpan={4} className="muted">
                      —
                    </td>
                  </tr>
                ) : (
                  <tr key={`${r.code}-${r.milestone}`}>
                    <td className="nowrap">{r.code}</td>
                    <td>{r.name}</td>
                    <td>{t(`reports.milestone.${r.milestone}`)}</td>
                    <td className="nowrap">{r.businessOn}</td>
                    <td className="num">{formatWan(r.investmentWan)}</td>
                    <td>{r.companyName}</td>
                    <td>
                      {t(`stage.${r.stage as "lead"}`)}
                      {r.status !== "active" ? <span className="muted"> · {t(`status.${r.status as "lost"}`)}</span> : null}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
            <tfoot>
              <tr className="total-row">
                <th scope="row" colSpan={4}>
                  {t("common.total")}
                </th>
                <td className="num" data-testid="drill-total-wan">
                  {formatWan(d.total.investmentWan)}
                </td>
                <td colSpan={2} data-testid="drill-total-count">
                  {t("common.rows", { n: formatCount(d.total.count) })}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        {d.next || d.after ? (
          <Pager
            total={d.total.count}
            nextCursor={d.next}
            showFirst={d.after !== undefined}
            firstHref={withAfter(path, location.search, undefined)}
            pageHref={(_key, cursor) => withAfter(path, location.search, cursor)}
          />
        ) : null}
      </section>
    </>
  );
}
