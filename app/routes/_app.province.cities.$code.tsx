import { readingReports } from "~/modules/reports/replica.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { CellLink } from "~/components/cell-link";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { periodQuery } from "~/lib/periods";
import { useT } from "~/lib/use-i18n";
import { requestedExport } from "~/modules/export/table-export.server";
import type { ZoneRow } from "~/modules/province/figures.server";
import { provinceReport } from "~/modules/province/figures.server";
import { milestoneColumns } from "~/modules/province/components/milestone-columns";
import { provincePeriod, requireCity, requireProvinceReader } from "~/modules/province/province-routes.server";
import { ExportLinks, ReportFilters } from "~/modules/reports/components/report-filters";
import { formatCount } from "~/lib/format";
import { formatWan } from "~/lib/money";
import { MILESTONES } from "~/modules/reports/milestones";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "province.byCity");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { reader } = await requireProvinceReader(request);
  const city = await requireCity(reader, params.code);
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/province/export/city?city=${city.code}&${url.search.slice(1)}`);
  const { period, error, compare } = provincePeriod(url);
  const report = await readingReports(() => provinceReport(city.zones, period, compare));
  return { city: { code: city.code, name: city.name }, report, period, error, compare };
}

export default function ProvinceCityPage() {
  const { city, report, period, error, compare } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const q = `${periodQuery(period)}${compare ? `&compare=${compare}` : ""}`;
  const columns = useMemo(
    (): ColumnDef<ZoneRow, unknown>[] => [
      {
        id: "zone",
        header: t("province.zone"),
        meta: { cardTitle: true, rowHeader: true } satisfies ColumnMeta,
        cell: ({ row: { original: z } }) => <CellLink to={`/province/zones/${z.code}?${q}`}>{z.name}</CellLink>,
      },
      {
        id: "published",
        header: t("province.publishedCol"),
        cell: ({ row: { original: z } }) =>
          z.published ? (
            t("province.publishedAt", { at: formatDateTime(z.published.at) })
          ) : (
            <span className="badge muted" data-testid="not-published">
              {t("province.notPublished")}
            </span>
          ),
      },
      ...milestoneColumns<ZoneRow>(
        t,
        (z) => z.reported,
        (z) => z.compare,
        (z, m) => `/province/zones/${z.code}/projects?${periodQuery(period)}&milestone=${m}`,
      ),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt when the figures or the language change
    [report, t],
  );
  return (
    <>
      <p>
        <Link to={`/province?${q}`}>← {t("province.back")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("province.cityTitle", { city: city.name })}</h1>
        <div className="head-actions">
          <span className="muted">{t("reports.periodLabel", { from: period.from, to: period.to })}</span>
          <ExportLinks path={`/province/export/city`} search={`?city=${city.code}&${location.search.slice(1)}`} />
        </div>
      </div>
      <ReportFilters action={`/province/cities/${city.code}`} period={period} compare={compare} />
      {error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <section className="panel">
        <div className="table-wrap" data-testid="by-zone">
          <DataTable
            data={report.zones}
            columns={columns}
            emptyText={t("province.noZones")}
            getRowId={(z) => z.code}
            footer={
              <tr className="total-row">
                <th scope="row" colSpan={2}>
                  {t("province.totalLive", { n: report.total.zones })}
                </th>
                {MILESTONES.map((m) => [
                  <td key={`${m}-n`} className="num" data-testid={`city-total-${m}-count`}>
                    {formatCount(report.total.live[m].count)}
                  </td>,
                  <td key={`${m}-w`} className="num">
                    {formatWan(report.total.live[m].investmentWan)}
                  </td>,
                ])}
              </tr>
            }
          />
        </div>
        <p className="muted">{t("province.byZoneNote")}</p>
      </section>
    </>
  );
}
