import { readingReports } from "~/modules/reports/replica.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime } from "~/lib/dates";
import { formatCount } from "~/lib/format";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { periodQuery } from "~/lib/periods";
import { useT } from "~/lib/use-i18n";
import { requestedExport } from "~/modules/export/table-export.server";
import { milestoneColumns } from "~/modules/province/components/milestone-columns";
import { zoneCompanyReport } from "~/modules/province/drill.server";
import { provincePeriod, requireProvinceReader, requireZone } from "~/modules/province/province-routes.server";
import { ExportLinks, ReportFilters } from "~/modules/reports/components/report-filters";
import { MILESTONES } from "~/modules/reports/milestones";
import type { ThreeBatchesReport } from "~/modules/reports/three-batches.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "province.byZone");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { reader } = await requireProvinceReader(request);
  const zone = await requireZone(reader, params.code);
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/province/export/zone?zone=${zone.code}&${url.search.slice(1)}`);
  const { period, error } = provincePeriod(url);
  const report = await readingReports(() => zoneCompanyReport(zone, period));
  return {
    zone: { code: zone.code, name: zone.name, city: zone.city, cityCode: zone.cityCode },
    rows: report.rows.map((r) => ({
      id: r.id,
      name: r.name,
      cluster: r.cluster,
      signed: r.signed,
      construction: r.construction,
      production: r.production,
    })),
    total: report.total,
    published: report.published ? { at: new Date(report.published.publishedAt).toISOString() } : null,
    period,
    error,
  };
}

type Row = Pick<ThreeBatchesReport["rows"][number], "id" | "name" | "cluster" | "signed" | "construction" | "production">;

export default function ProvinceZonePage() {
  const { zone, rows, total, published, period, error } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const drill = (company: number | null, m: string) =>
    `/province/zones/${zone.code}/projects?${periodQuery(period)}&milestone=${m}${company ? `&company=${company}` : ""}`;
  const columns = useMemo(
    (): ColumnDef<Row, unknown>[] => [
      {
        id: "company",
        header: t("province.company"),
        meta: { cardTitle: true, rowHeader: true } satisfies ColumnMeta,
        cell: ({ row: { original: r } }) => r.name,
      },
      { id: "cluster", header: t("reports.cluster"), cell: ({ row: { original: r } }) => <span className="muted">{r.cluster ?? "—"}</span> },
      ...milestoneColumns<Row>(
        t,
        (r) => r,
        () => null,
        (r, m) => drill(r.id, m),
      ),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt when the figures or the language change
    [rows, t],
  );
  return (
    <>
      <p>
        {zone.cityCode ? (
          <Link to={`/province/cities/${zone.cityCode}?${periodQuery(period)}`}>← {t("province.backCity", { city: zone.city ?? "" })}</Link>
        ) : null}{" "}
        <Link to={`/province?${periodQuery(period)}`}>← {t("province.back")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("province.zoneTitle", { zone: zone.name })}</h1>
        <div className="head-actions">
          <span className="muted">{t("reports.periodLabel", { from: period.from, to: period.to })}</span>
          <ExportLinks path="/province/export/zone" search={`?zone=${zone.code}&${location.search.slice(1)}`} />
        </div>
      </div>
      <ReportFilters action={`/province/zones/${zone.code}`} period={period} />
      {error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <p className="report-banner" data-testid="zone-published">
        {published ? t("province.zonePublished", { at: formatDateTime(published.at) }) : t("province.zoneLive")}
      </p>
      <section className="panel">
        <div className="table-wrap" data-testid="zone-companies">
          <DataTable
            data={rows}
            columns={columns}
            emptyText={t("common.noRows")}
            getRowId={(r) => String(r.id)}
            footer={
              <tr className="total-row">
                <th scope="row" colSpan={2}>
                  {t("province.zoneTotal")}
                </th>
                {MILESTONES.map((m) => [
                  <td key={`${m}-n`} className="num" data-testid={`zone-total-${m}-count`}>
                    {total[m].count ? <Link to={drill(null, m)}>{formatCount(total[m].count)}</Link> : formatCount(0)}
                  </td>,
                  <td key={`${m}-w`} className="num">
                    {formatWan(total[m].investmentWan)}
                  </td>,
                ])}
              </tr>
            }
          />
        </div>
        <p className="muted">{t("reports.lostNote")}</p>
      </section>
    </>
  );
}
