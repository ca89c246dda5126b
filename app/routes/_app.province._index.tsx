import { readingReports } from "~/modules/reports/replica.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { CellLink } from "~/components/cell-link";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { formatCount } from "~/lib/format";
import { formatWan, wanToYi } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { periodQuery } from "~/lib/periods";
import { useT } from "~/lib/use-i18n";
import { readsOneCity } from "~/modules/auth/policy";
import { requestedExport } from "~/modules/export/table-export.server";
import type { ProvinceReport, ZoneRow, ZoneTargetRow } from "~/modules/province/figures.server";
import { provinceReport, provinceTargets, readableZones } from "~/modules/province/figures.server";
import { milestoneColumns } from "~/modules/province/components/milestone-columns";
import { provincePeriod, requireProvinceReader } from "~/modules/province/province-routes.server";
import { ExportLinks, ReportFilters } from "~/modules/reports/components/report-filters";
import { MILESTONES } from "~/modules/reports/milestones";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "province.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { reader } = await requireProvinceReader(request);
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/province/export/zones${url.search}`);
  const { period, error, compare } = provincePeriod(url);
  const year = Number(period.to.slice(0, 4));
  const today = todayInZone();
  const asOf = today < `${year}-12-31` ? today : `${year}-12-31`;
  const [report, targets] = await readingReports(async () => {
    const zones = await readableZones(reader);
    const report = await provinceReport(zones, period, compare);
    // The targets' year to date from the period's figures when the period starts on 1 January (the default, the year).
    const known = { from: period.from, to: period.to, byZone: new Map(report.zones.map((z) => [z.id, z.live])) };
    return [report, await provinceTargets(zones, year, asOf, known)] as const;
  });
  return { report, targets, year, asOf, period, error, compare, cityLeader: readsOneCity(reader) };
}

type CityRow = ProvinceReport["cities"][number];
type ClusterRow = ProvinceReport["clusters"][number];

export default function ProvincePage() {
  const { report, targets, year, asOf, period, error, compare, cityLeader } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const q = `${periodQuery(period)}${compare ? `&compare=${compare}` : ""}`;
  const zoneColumns = useMemo(
    (): ColumnDef<ZoneRow, unknown>[] => [
      {
        id: "zone",
        header: t("province.zone"),
        meta: { cardTitle: true, rowHeader: true } satisfies ColumnMeta,
        cell: ({ row: { original: z } }) => <CellLink to={`/province/zones/${z.code}?${q}`}>{z.name}</CellLink>,
      },
      { id: "city", header: t("province.city"), cell: ({ row: { original: z } }) => z.city ?? "—" },
      {
        id: "published",
        header: t("province.publishedCol"),
        cell: ({ row: { original: z } }) =>
          z.published ? (
            <span title={z.published.by ?? undefined}>{t("province.publishedAt", { at: formatDateTime(z.published.at) })}</span>
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
  const cityColumns = useMemo(
    (): ColumnDef<CityRow, unknown>[] => [
      {
        id: "city",
        header: t("province.city"),
        meta: { cardTitle: true, rowHeader: true } satisfies ColumnMeta,
        cell: ({ row: { original: c } }) => (c.code ? <CellLink to={`/province/cities/${c.code}?${q}`}>{c.name}</CellLink> : t("province.noCity")),
      },
      {
        id: "zones",
        header: t("province.zoneCount"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: ({ row: { original: c } }) => formatCount(c.zoneCount),
      },
      ...milestoneColumns<CityRow>(
        t,
        (c) => c.live,
        (c) => c.compare,
      ),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt when the figures or the language change
    [report, t],
  );
  const clusterColumns = useMemo(
    (): ColumnDef<ClusterRow, unknown>[] => [
      {
        id: "cluster",
        header: t("reports.cluster"),
        meta: { cardTitle: true, rowHeader: true } satisfies ColumnMeta,
        cell: ({ row: { original: c } }) => c.name || t("province.otherCompanies"),
      },
      ...milestoneColumns<ClusterRow>(
        t,
        (c) => c.live,
        (c) => c.compare,
      ),
    ],
    [t],
  );
  const targetColumns = useMemo((): ColumnDef<ZoneTargetRow, unknown>[] => {
    // Without a target the figure reached still shows; the target and completion are missing (—), never 0 %.
    const ratio = (actual: string, target: string | null, pct: string | null) =>
      target === null ? `${actual} / —` : `${actual} / ${target} · ${pct ?? "—"}%`;
    return [
      {
        id: "zone",
        header: t("province.zone"),
        meta: { cardTitle: true, rowHeader: true } satisfies ColumnMeta,
        cell: ({ row: { original: z } }) => z.name,
      },
      {
        id: "companies",
        header: t("province.targetCompanies"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: ({ row: { original: z } }) => (z.target ? formatCount(z.target.companies) : "—"),
      },
      {
        id: "signedCount",
        header: t("targets.signedCount"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: ({ row: { original: z } }) =>
          ratio(formatCount(z.actual.signedCount), z.target ? formatCount(z.target.signedCount) : null, z.completion.signedCount),
      },
      {
        id: "signedInvestment",
        header: t("province.targetSignedWan"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: ({ row: { original: z } }) =>
          ratio(formatWan(z.actual.signedInvestmentWan), z.target ? formatWan(z.target.signedInvestmentWan) : null, z.completion.signedInvestment),
      },
      {
        id: "constructionCount",
        header: t("targets.constructionCount"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: ({ row: { original: z } }) =>
          ratio(formatCount(z.actual.constructionCount), z.target ? formatCount(z.target.constructionCount) : null, z.completion.constructionCount),
      },
      {
        id: "productionCount",
        header: t("targets.productionCount"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: ({ row: { original: z } }) =>
          ratio(formatCount(z.actual.productionCount), z.target ? formatCount(z.target.productionCount) : null, z.completion.productionCount),
      },
    ];
  }, [t]);
  const total = report.total;
  return (
    <>
      <div className="page-head">
        <h1>{t(cityLeader ? "province.titleCity" : "province.title")}</h1>
        <div className="head-actions">
          <span className="muted">{t("reports.periodLabel", { from: period.from, to: period.to })}</span>
          <ExportLinks path="/province/export/zones" search={location.search} />
        </div>
      </div>
      <p className="muted">{t("province.subtitle")}</p>
      <ReportFilters action="/province" period={period} compare={compare} />
      {error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      {report.compare ? (
        <p className="muted" data-testid="compare-period">
          {t(`reports.compare.${report.compare.kind}`)} · {t("reports.compare.period", { from: report.compare.from, to: report.compare.to })} ·{" "}
          {t("province.compareNote")}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="province-total">
        <h2 id="province-total">{t("province.total")}</h2>
        <div className="table-wrap">
          <table className="data" data-testid="province-total">
            <thead>
              <tr>
                <th scope="col">{t("province.figures")}</th>
                {MILESTONES.map((m) => (
                  <th key={m} scope="col" className="num">
                    {t(`reports.milestone.${m}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ["live", total.live, t("province.totalLive", { n: total.zones })],
                  ["published", total.published, t("province.totalPublished", { n: total.publishedZones, of: total.zones })],
                ] as const
              ).map(([key, cells, label]) => (
                <tr key={key} data-testid={`total-${key}`}>
                  <th scope="row">{label}</th>
                  {MILESTONES.map((m) => (
                    <td key={m} className="num" data-testid={`total-${key}-${m}`}>
                      <strong>{t("province.countProjects", { n: formatCount(cells[m].count) })}</strong>
                      <div>{t("province.wanAndYi", { wan: formatWan(cells[m].investmentWan), yi: formatWan(wanToYi(cells[m].investmentWan)) })}</div>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">{t("province.totalNote")}</p>
      </section>

      <section className="panel" aria-labelledby="by-zone">
        <h2 id="by-zone">{t("province.byZone")}</h2>
        <div className="table-wrap" data-testid="by-zone">
          <DataTable data={report.zones} columns={zoneColumns} emptyText={t("province.noZones")} getRowId={(z) => z.code} />
        </div>
        <p className="muted">{t("province.byZoneNote")}</p>
      </section>

      <section className="panel" aria-labelledby="by-city">
        <div className="page-head">
          <h2 id="by-city">{t("province.byCity")}</h2>
          <ExportLinks path="/province/export/cities" search={location.search} />
        </div>
        <div className="table-wrap" data-testid="by-city">
          <DataTable data={report.cities} columns={cityColumns} emptyText={t("province.noZones")} getRowId={(c) => String(c.id)} />
        </div>
        <p className="muted">{t("province.liveNote")}</p>
      </section>

      <section className="panel" aria-labelledby="by-cluster">
        <div className="page-head">
          <h2 id="by-cluster">{t("province.byCluster")}</h2>
          <ExportLinks path="/province/export/clusters" search={location.search} />
        </div>
        <div className="table-wrap" data-testid="by-cluster">
          <DataTable data={report.clusters} columns={clusterColumns} emptyText={t("province.noZones")} getRowId={(c) => c.name || "other"} />
        </div>
        <p className="muted">{t("province.byClusterNote")}</p>
      </section>

      <section className="panel" aria-labelledby="targets">
        <div className="page-head">
          <h2 id="targets">{t("province.targetsTitle", { year, date: asOf })}</h2>
          <ExportLinks path="/province/export/targets" search={location.search} />
        </div>
        <div className="table-wrap" data-testid="zone-targets">
          <DataTable data={targets} columns={targetColumns} emptyText={t("province.noZones")} getRowId={(z) => z.code} />
        </div>
        <p className="muted">{t("province.targetsNote")}</p>
      </section>
    </>
  );
}
