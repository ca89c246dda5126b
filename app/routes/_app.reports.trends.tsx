import { readingReports } from "~/modules/reports/replica.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { invariantResponse } from "~/modules/http/respond.server";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { DataTable } from "~/components/data-table";
import { EChart } from "~/components/echart";
import { todayInZone } from "~/lib/dates";
import { formatCount } from "~/lib/format";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canSeeReports } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { reportSwitches } from "~/modules/reports/reports.schema";
import { MILESTONES } from "~/modules/reports/milestones";
import type { Milestone } from "~/modules/reports/milestones";
import { monthlyComparison, trends, trendsYear, zoneMonths } from "~/modules/reports/trends.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ExportLinks } from "~/modules/reports/components/report-filters";
import { CompareCell } from "~/modules/reports/components/compare-line";
import { comparisonFromSearch } from "~/lib/periods";
import type { SpeedKey } from "~/modules/approvals/speed-rules";
import { SPEED_KEYS } from "~/modules/approvals/speed-rules";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "trends.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeReports(user), 403);
  const url = new URL(request.url);
  const today = todayInZone();
  const thisYear = Number(today.slice(0, 4));
  if (requestedExport(url)) throw redirect(`/reports/export/trends${url.search}`);
  const year = trendsYear(url, today);
  const { basis } = reportSwitches(url.searchParams);
  const m = url.searchParams.get("milestone");
  const milestone: Milestone = m === "construction" || m === "production" ? m : "signed";
  // Months still to come are left out of the charts (a line falling to zero in December would read as a collapse).
  const monthsPassed = year < thisYear ? 12 : year > thisYear ? 0 : Number(today.slice(5, 7));
  const compare = comparisonFromSearch(url.searchParams);
  const [tr, previousYear] = await readingReports(() =>
    Promise.all([trends(user.zoneId, year, basis), compare ? zoneMonths(user.zoneId, year - 1, basis) : null]),
  );
  const comparison = compare && previousYear ? monthlyComparison(tr.zone.months, previousYear, compare) : null;
  return { trends: tr, basis, milestone, monthsPassed, compare, comparison };
}

type MonthRow = { month: string; index: number };
type FunnelRow = Awaited<ReturnType<typeof trends>>["funnel"][number];
type CompanyRow = Awaited<ReturnType<typeof trends>>["companies"][number];
type SpeedRow = { key: SpeedKey | "approvalWithin"; values: (string | null)[]; counts: number[] | null };

const COLORS = ["#1f4e8c", "#e08a1e", "#2e9d5b"];

export default function TrendsPage() {
  const { trends: tr, basis, milestone, monthsPassed, compare, comparison } = useLoaderData<typeof loader>();
  const passed = <T,>(values: T[]) => values.map((v, i) => (i < monthsPassed ? v : null));
  const t = useT();
  const location = useLocation();
  const monthLabels = tr.months.map((m) => m.slice(5));
  const monthlyOption = {
    color: COLORS,
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: MILESTONES.map((m) => t(`reports.milestone.${m}`)) },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: monthLabels },
    yAxis: { type: "value", minInterval: 1 },
    series: MILESTONES.map((m) => ({ name: t(`reports.milestone.${m}`), type: "bar", data: passed(tr.zone.months[m].map((c) => c.count)) })),
  };
  const investmentOption = {
    color: COLORS,
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: MILESTONES.map((m) => t(`reports.milestone.${m}`)) },
    grid: { left: 70, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: monthLabels },
    yAxis: { type: "value", name: t("common.wan") },
    series: MILESTONES.map((m) => ({
      name: t(`reports.milestone.${m}`),
      type: "line",
      data: passed(tr.zone.months[m].map((c) => Number(c.investmentWan))),
    })),
  };
  const funnelOption = {
    tooltip: { trigger: "item" },
    series: [
      {
        type: "funnel",
        sort: "none",
        left: "10%",
        width: "80%",
        label: { formatter: "{b}: {c}" },
        data: tr.funnel.map((f) => ({ name: t(`stage.${f.stage}`), value: f.count })),
      },
    ],
  };
  const companyOption = {
    tooltip: { trigger: "axis" },
    grid: { left: 140, right: 20, top: 10, bottom: 30 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: tr.companies.map((c) => c.shortName).reverse() },
    series: [
      {
        name: t(`reports.milestone.${milestone}`),
        type: "bar",
        data: tr.companies.map((c) => c.months[milestone].reduce((n, cell) => n + cell.count, 0)).reverse(),
      },
    ],
  };
  const monthColumns = useMemo(() => {
    const col = createColumnHelper<MonthRow>();
    return [
      col.accessor("month", { header: () => t("trends.month"), cell: (c) => <strong>{c.getValue()}</strong> }),
      ...MILESTONES.flatMap((m) => [
        col.display({
          id: `${m}n`,
          header: () => `${t(`reports.milestone.${m}`)}${t("reports.count")}`,
          meta: { numeric: true },
          cell: ({ row: { original: r } }) => {
            const cmp = comparison?.[m][r.index];
            return (
              <>
                {formatCount(tr.zone.months[m][r.index].count)}
                {r.index < monthsPassed ? <CompareCell cmp={cmp} figure="count" /> : null}
              </>
            );
          },
        }),
        col.display({
          id: `${m}w`,
          header: () => `${t(`reports.milestone.${m}`)}${t("reports.investmentWan")}`,
          meta: { numeric: true },
          cell: ({ row: { original: r } }) => {
            const cmp = comparison?.[m][r.index];
            return (
              <>
                {formatWan(tr.zone.months[m][r.index].investmentWan)}
                {r.index < monthsPassed ? <CompareCell cmp={cmp} figure="investmentWan" /> : null}
              </>
            );
          },
        }),
      ]),
    ];
  }, [tr, comparison, monthsPassed, t]);
  const funnelColumns = useMemo(() => {
    const col = createColumnHelper<FunnelRow>();
    return [
      col.display({ id: "stage", header: () => t("reports.stage"), cell: ({ row }) => <strong>{t(`stage.${row.original.stage}`)}</strong> }),
      col.accessor("count", { header: () => t("trends.reached"), meta: { numeric: true } }),
      col.accessor("atStage", { header: () => t("trends.atStage"), meta: { numeric: true } }),
      col.accessor("investmentWan", { header: () => t("reports.investmentWan"), meta: { numeric: true }, cell: (c) => formatWan(c.getValue()) }),
    ];
  }, [t]);
  const cycleColumns = useMemo(() => {
    const col = createColumnHelper<CompanyRow>();
    return [
      col.accessor("shortName", { header: () => t("reports.company"), cell: (c) => <strong>{c.getValue()}</strong> }),
      col.display({
        id: "c2s",
        header: () => t("trends.cycle.contactToSign"),
        meta: { numeric: true },
        cell: ({ row }) => row.original.cycle.contactToSign ?? "—",
      }),
      col.display({
        id: "s2c",
        header: () => t("trends.cycle.signToConstruction"),
        meta: { numeric: true },
        cell: ({ row }) => row.original.cycle.signToConstruction ?? "—",
      }),
      col.display({
        id: "c2p",
        header: () => t("trends.cycle.constructionToProduction"),
        meta: { numeric: true },
        cell: ({ row }) => row.original.cycle.constructionToProduction ?? "—",
      }),
      col.display({
        id: "r2c",
        header: () => t("trends.cycle.registerToConstruction"),
        meta: { numeric: true },
        cell: ({ row }) => row.original.cycle.registerToConstruction ?? "—",
      }),
      col.display({
        id: "approval",
        header: () => t("trends.cycle.approval"),
        meta: { numeric: true },
        cell: ({ row }) => row.original.cycle.approval ?? "—",
      }),
    ];
  }, [t]);
  const speedRows: SpeedRow[] = [
    ...SPEED_KEYS.map((key) => ({ key, values: tr.zone.speed.medians[key], counts: tr.zone.speed.counts[key] })),
    { key: "approvalWithin" as const, values: tr.zone.speed.approvalWithinPercent, counts: tr.zone.speed.counts.approval },
  ];
  const speedColumns = useMemo(() => {
    const col = createColumnHelper<SpeedRow>();
    return [
      col.display({
        id: "measure",
        header: () => t("trends.speed.measure"),
        meta: { rowHeader: true, cardTitle: true, label: t("trends.speed.measure") },
        cell: ({ row }) => t(`trends.speed.${row.original.key}`),
      }),
      ...monthLabels.map((label, i) =>
        col.display({
          id: `m${i + 1}`,
          header: label,
          meta: { numeric: true },
          cell: ({ row: { original: r } }) =>
            r.values[i] === null ? (
              <span className="muted">—</span>
            ) : (
              <span title={t("trends.speed.count", { n: r.counts?.[i] ?? 0 })}>{r.values[i]}</span>
            ),
        }),
      ),
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels follow the months of `tr`
  }, [tr, t]);
  const companyColumns = useMemo(() => {
    const col = createColumnHelper<CompanyRow>();
    const monthTotal = (c: CompanyRow) => c.months[milestone].reduce((n, cell) => n + cell.count, 0);
    return [
      col.accessor("shortName", { header: () => t("reports.company"), meta: { rowHeader: true, cardTitle: true, label: t("reports.company") } }),
      ...monthLabels.map((label, i) =>
        col.display({
          id: `m${i + 1}`,
          header: label,
          meta: { numeric: true },
          cell: ({ row }) =>
            row.original.months[milestone][i].count ? formatCount(row.original.months[milestone][i].count) : <span className="muted">0</span>,
        }),
      ),
      col.display({
        id: "total",
        header: () => t("common.total"),
        meta: { numeric: true, label: t("common.total") },
        cell: ({ row }) => <strong>{formatCount(monthTotal(row.original))}</strong>,
      }),
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels follow the months of `tr`
  }, [tr, milestone, t]);
  const bigColumns = useMemo(() => {
    const col = createColumnHelper<CompanyRow>();
    const wan = t("reports.investmentWan");
    return [
      col.accessor("shortName", { header: () => t("reports.company"), meta: { rowHeader: true, cardTitle: true, label: t("reports.company") } }),
      ...(["yi", "tenYi"] as const).flatMap((size) => [
        col.display({
          id: size,
          header: () => t(`trends.big.${size}`),
          meta: { numeric: true, label: t(`trends.big.${size}`) },
          cell: ({ row }) => formatCount(row.original.big[size].count),
        }),
        col.display({
          id: `${size}Wan`,
          header: () => wan,
          meta: { numeric: true, label: `${t(`trends.big.${size}`)} ${wan}` },
          cell: ({ row }) => formatWan(row.original.big[size].investmentWan),
        }),
      ]),
    ];
  }, [t]);
  const table = { sort: "", dir: "asc" as const, sortHref: () => "", emptyText: t("common.noRows") };
  return (
    <>
      <div className="page-head">
        <h1>{t("trends.title")}</h1>
        <Form method="get" className="filters">
          <div className="field">
            <label htmlFor="trend-year">{t("trends.year")}</label>
            <input id="trend-year" name="year" type="number" min={2000} max={2100} defaultValue={tr.year} />
          </div>
          <div className="field">
            <label htmlFor="trend-basis">{t("reports.basis")}</label>
            <select id="trend-basis" name="basis" defaultValue={basis}>
              <option value="owner">{t("reports.basis.owner")}</option>
              <option value="firstContact">{t("reports.basis.firstContact")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="trend-milestone">{t("reports.milestone")}</label>
            <select id="trend-milestone" name="milestone" defaultValue={milestone}>
              {MILESTONES.map((m) => (
                <option key={m} value={m}>
                  {t(`reports.milestone.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="trend-compare">{t("reports.compare")}</label>
            <select id="trend-compare" name="compare" defaultValue={compare ?? ""}>
              <option value="">{t("reports.compare.none")}</option>
              <option value="yoy">{t("trends.compare.yoy")}</option>
              <option value="pop">{t("trends.compare.pop")}</option>
            </select>
          </div>
          <button type="submit" className="button">
            {t("reports.apply")}
          </button>
        </Form>
      </div>
      <section className="panel">
        <div className="panel-head">
          <h2>{t("trends.monthly", { year: tr.year })}</h2>
          <ExportLinks path="/reports/export/trends" search={location.search || `?year=${tr.year}`} />
        </div>
        <div className="chart-grid">
          <EChart option={monthlyOption} label={t("trends.chartLabel", { title: t("reports.count") })} />
          <EChart option={investmentOption} label={t("trends.chartLabel", { title: t("reports.investmentWan") })} />
        </div>
        {comparison ? (
          <p className="muted" data-testid="trends-compare">
            {t(`trends.compare.${compare ?? "yoy"}`)} · {t("reports.compare.note")}
          </p>
        ) : null}
        <div className="table-wrap" data-testid="monthly">
          <DataTable data={tr.months.map((month, index) => ({ month, index }))} columns={monthColumns} getRowId={(r) => r.month} {...table} />
        </div>
      </section>
      <section className="panel">
        <h2>{t("trends.byCompany", { milestone: t(`reports.milestone.${milestone}`) })}</h2>
        <EChart
          option={companyOption}
          label={t("trends.chartLabel", { title: t(`reports.milestone.${milestone}`) })}
          height={Math.max(320, tr.companies.length * 24)}
        />
        <DataTable data={tr.companies} columns={companyColumns} getRowId={(c) => String(c.id)} data-testid="company-monthly" {...table} />
      </section>
      <div className="chart-grid">
        <section className="panel">
          <h2>{t("trends.funnel")}</h2>
          <EChart option={funnelOption} label={t("trends.chartLabel", { title: t("trends.funnel") })} />
          <div className="table-wrap" data-testid="funnel">
            <DataTable data={tr.funnel} columns={funnelColumns} getRowId={(f) => f.stage} {...table} />
          </div>
          <p className="muted small">{t("trends.funnel.note")}</p>
        </section>
        <section className="panel">
          <h2>{t("trends.big")}</h2>
          <DataTable
            data={tr.companies.filter((c) => c.big.yi.count > 0)}
            columns={bigColumns}
            getRowId={(c) => String(c.id)}
            data-testid="big"
            {...table}
            footer={
              <tr className="total-row">
                <th scope="row">{t("reports.zoneTotal")}</th>
                <td className="num">{formatCount(tr.zone.big.yi.count)}</td>
                <td className="num">{formatWan(tr.zone.big.yi.investmentWan)}</td>
                <td className="num">{formatCount(tr.zone.big.tenYi.count)}</td>
                <td className="num">{formatWan(tr.zone.big.tenYi.investmentWan)}</td>
              </tr>
            }
          />
        </section>
      </div>
      <section className="panel">
        <h2>{t("trends.cycle")}</h2>
        <div className="table-wrap">
          <div data-testid="cycle">
            <DataTable
              data={tr.companies}
              columns={cycleColumns}
              getRowId={(c) => String(c.id)}
              {...table}
              footer={
                <tr className="total-row">
                  <th scope="row">{t("reports.zoneTotal")}</th>
                  <td className="num">{tr.zone.cycle.contactToSign ?? "—"}</td>
                  <td className="num">{tr.zone.cycle.signToConstruction ?? "—"}</td>
                  <td className="num">{tr.zone.cycle.constructionToProduction ?? "—"}</td>
                  <td className="num">{tr.zone.cycle.registerToConstruction ?? "—"}</td>
                  <td className="num">{tr.zone.cycle.approval ?? "—"}</td>
                </tr>
              }
            />
          </div>
        </div>
      </section>
      <section className="panel">
        <h2>{t("trends.speed", { year: String(tr.year) })}</h2>
        <div className="table-wrap" data-testid="speed-months">
          <DataTable data={speedRows} columns={speedColumns} getRowId={(r) => r.key} {...table} />
        </div>
        <p className="muted small">{t("trends.speed.note")}</p>
      </section>
    </>
  );
}
