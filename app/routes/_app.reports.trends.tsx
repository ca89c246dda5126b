import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { EChart } from "~/components/echart";
import { todayInZone } from "~/lib/dates";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canSeeReports } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { reportSwitches } from "~/modules/reports/reports.schema";
import { MILESTONES } from "~/modules/reports/milestones";
import type { Milestone } from "~/modules/reports/milestones";
import { trends } from "~/modules/reports/trends.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "trends.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeReports(user), 403);
  const url = new URL(request.url);
  const today = todayInZone();
  const thisYear = Number(today.slice(0, 4));
  const requested = Number(url.searchParams.get("year"));
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : thisYear;
  const { basis } = reportSwitches(url.searchParams);
  const m = url.searchParams.get("milestone");
  const milestone: Milestone = m === "construction" || m === "production" ? m : "signed";
  // Months still to come are left out of the charts (a line falling to zero in December would read as a collapse).
  const monthsPassed = year < thisYear ? 12 : year > thisYear ? 0 : Number(today.slice(5, 7));
  return { trends: await trends(user.zoneId, year, basis), basis, milestone, monthsPassed };
}

const COLORS = ["#1f4e8c", "#e08a1e", "#2e9d5b"];

export default function TrendsPage() {
  const { trends: tr, basis, milestone, monthsPassed } = useLoaderData<typeof loader>();
  const passed = <T,>(values: T[]) => values.map((v, i) => (i < monthsPassed ? v : null));
  const t = useT();
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
    series: MILESTONES.map((m) => ({ name: t(`reports.milestone.${m}`), type: "line", data: passed(tr.zone.months[m].map((c) => Number(c.investmentWan))) })),
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
          <button type="submit" className="button">
            {t("reports.apply")}
          </button>
        </Form>
      </div>
      <section className="panel">
        <h2>{t("trends.monthly", { year: tr.year })}</h2>
        <div className="chart-grid">
          <EChart option={monthlyOption} label={t("trends.chartLabel", { title: t("reports.count") })} />
          <EChart option={investmentOption} label={t("trends.chartLabel", { title: t("reports.investmentWan") })} />
        </div>
        <div className="table-wrap">
          <table className="data" data-testid="monthly">
            <thead>
              <tr>
                <th scope="col">{t("trends.month")}</th>
                {MILESTONES.map((m) => [
                  <th key={`${m}n`} scope="col" className="num">{t(`reports.milestone.${m}`)}{t("reports.count")}</th>,
                  <th key={`${m}w`} scope="col" className="num">{t(`reports.milestone.${m}`)}{t("reports.investmentWan")}</th>,
                ])}
              </tr>
            </thead>
            <tbody>
              {tr.months.map((month, i) => (
                <tr key={month}>
                  <th scope="row">{month}</th>
                  {MILESTONES.map((m) => [
                    <td key={`${m}n`} className="num">{tr.zone.months[m][i].count}</td>,
                    <td key={`${m}w`} className="num">{formatWan(tr.zone.months[m][i].investmentWan)}</td>,
                  ])}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel">
        <h2>{t("trends.byCompany", { milestone: t(`reports.milestone.${milestone}`) })}</h2>
        <EChart option={companyOption} label={t("trends.chartLabel", { title: t(`reports.milestone.${milestone}`) })} height={Math.max(320, tr.companies.length * 24)} />
        <div className="table-wrap">
          <table className="data" data-testid="company-monthly">
            <thead>
              <tr>
                <th scope="col">{t("reports.company")}</th>
                {monthLabels.map((m) => (
                  <th key={m} scope="col" className="num">{m}</th>
                ))}
                <th scope="col" className="num">{t("common.total")}</th>
              </tr>
            </thead>
            <tbody>
              {tr.companies.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.shortName}</th>
                  {c.months[milestone].map((cell, i) => (
                    <td key={i} className="num">{cell.count || <span className="muted">0</span>}</td>
                  ))}
                  <td className="num"><strong>{c.months[milestone].reduce((n, cell) => n + cell.count, 0)}</strong></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="chart-grid">
        <section className="panel">
          <h2>{t("trends.funnel")}</h2>
          <EChart option={funnelOption} label={t("trends.chartLabel", { title: t("trends.funnel") })} />
          <table className="data" data-testid="funnel">
            <thead>
              <tr>
                <th scope="col">{t("reports.stage")}</th>
                <th scope="col" className="num">{t("trends.reached")}</th>
                <th scope="col" className="num">{t("trends.atStage")}</th>
                <th scope="col" className="num">{t("reports.investmentWan")}</th>
              </tr>
            </thead>
            <tbody>
              {tr.funnel.map((f) => (
                <tr key={f.stage}>
                  <th scope="row">{t(`stage.${f.stage}`)}</th>
                  <td className="num">{f.count}</td>
                  <td className="num">{f.atStage}</td>
                  <td className="num">{formatWan(f.investmentWan)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>{t("trends.big")}</h2>
          <table className="data" data-testid="big">
            <thead>
              <tr>
                <th scope="col">{t("reports.company")}</th>
                <th scope="col" className="num">{t("trends.big.yi")}</th>
                <th scope="col" className="num">{t("reports.investmentWan")}</th>
                <th scope="col" className="num">{t("trends.big.tenYi")}</th>
                <th scope="col" className="num">{t("reports.investmentWan")}</th>
              </tr>
            </thead>
            <tbody>
              {tr.companies.filter((c) => c.big.yi.count > 0).map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.shortName}</th>
                  <td className="num">{c.big.yi.count}</td>
                  <td className="num">{formatWan(c.big.yi.investmentWan)}</td>
                  <td className="num">{c.big.tenYi.count}</td>
                  <td className="num">{formatWan(c.big.tenYi.investmentWan)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="total-row">
                <th scope="row">{t("reports.zoneTotal")}</th>
                <td className="num">{tr.zone.big.yi.count}</td>
                <td className="num">{formatWan(tr.zone.big.yi.investmentWan)}</td>
                <td className="num">{tr.zone.big.tenYi.count}</td>
                <td className="num">{formatWan(tr.zone.big.tenYi.investmentWan)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      </div>
      <section className="panel">
        <h2>{t("trends.cycle")}</h2>
        <div className="table-wrap">
          <table className="data" data-testid="cycle">
            <thead>
              <tr>
                <th scope="col">{t("reports.company")}</th>
                <th scope="col" className="num">{t("trends.cycle.contactToSign")}</th>
                <th scope="col" className="num">{t("trends.cycle.signToConstruction")}</th>
                <th scope="col" className="num">{t("trends.cycle.constructionToProduction")}</th>
              </tr>
            </thead>
            <tbody>
              {tr.companies.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.shortName}</th>
                  <td className="num">{c.cycle.contactToSign ?? "—"}</td>
                  <td className="num">{c.cycle.signToConstruction ?? "—"}</td>
                  <td className="num">{c.cycle.constructionToProduction ?? "—"}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="total-row">
                <th scope="row">{t("reports.zoneTotal")}</th>
                <td className="num">{tr.zone.cycle.contactToSign ?? "—"}</td>
                <td className="num">{tr.zone.cycle.signToConstruction ?? "—"}</td>
                <td className="num">{tr.zone.cycle.constructionToProduction ?? "—"}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </>
  );
}
