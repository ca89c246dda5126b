import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { checkRange, periodFromSearch, periodQuery } from "~/lib/periods";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canPublishPeriods, canSeeReports, hidesConfidentialInReports } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ExportLinks, ReportFilters } from "~/modules/reports/components/report-filters";
import { changesSincePublished, listPublishedPeriods, publishPeriod } from "~/modules/reports/published-periods.server";
import { reportSwitches } from "~/modules/reports/reports.schema";
import { targetProgress } from "~/modules/reports/targets.server";
import { MILESTONES } from "~/modules/reports/milestones";
import { threeBatchesReport } from "~/modules/reports/three-batches.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.threeBatches.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canSeeReports(user)) throw data(null, { status: 403 });
  const url = new URL(request.url);
  const today = todayInZone();
  const { period, error } = periodFromSearch(url.searchParams, today);
  const switches = reportSwitches(url.searchParams);
  // A UI route cannot answer a document request with a file: the download comes from the export resource route.
  if (requestedExport(url)) throw redirect(`/reports/export/three-batches${url.search}`);
  const report = await threeBatchesReport(user.zoneId, { from: period.from, to: period.to, ...switches });
  const sameYear = period.from.slice(0, 4) === period.to.slice(0, 4);
  const [changes, targets, published] = await Promise.all([
    report.published ? changesSincePublished(user.zoneId, report.published.id) : null,
    sameYear ? targetProgress(user.zoneId, Number(period.to.slice(0, 4)), period.to, switches.basis) : null,
    listPublishedPeriods(user.zoneId),
  ]);
  const canPublish =
    canPublishPeriods(user) && !report.published && ["month", "quarter", "year"].includes(period.kind) && period.to < today;
  return { report, error, changes, targets, published, canPublish, isAdmin: hidesConfidentialInReports(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  if (!canPublishPeriods(user)) throw data(null, { status: 403 });
  const t = await getTranslator(request);
  const checked = checkRange(String(form.get("from") ?? ""), String(form.get("to") ?? ""));
  if (!checked.ok) return data({ error: checked.error }, { status: 400 });
  const note = String(form.get("note") ?? "").trim().slice(0, 200) || null;
  const result = await publishPeriod(user, checked.period, note);
  const back = `/reports/three-batches?${periodQuery(checked.period)}`;
  const flash = { kind: "ok" as const, message: t("reports.publishedOk", { from: checked.period.from, to: checked.period.to }) };
  if (!result.ok) return data({ error: result.error }, { status: result.error === "reports.error.alreadyPublished" ? 409 : 400 });
  return redirect(back, { headers: { "Set-Cookie": await flashHeader(flash) } });
}

export default function ThreeBatchesPage() {
  const { report, error, changes, targets, published, canPublish, isAdmin } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const actionData = useActionData<typeof action>();
  const { period, options } = report;
  const switchQuery = `basis=${options.basis}${options.evidenceOnly ? "&evidence=only" : ""}`;
  const drill = (company: number | null, milestone: string) =>
    `/reports/three-batches/projects?${periodQuery(period)}&${switchQuery}&milestone=${milestone}${company ? `&company=${company}` : ""}`;
  return (
    <>
      <div className="page-head">
        <h1>{t("reports.threeBatches.title")}</h1>
        <div className="head-actions">
          <span className="muted">{t("reports.periodLabel", { from: period.from, to: period.to })}</span>
          <ExportLinks path="/reports/export/three-batches" search={location.search} />
        </div>
      </div>
      <p className="muted">{t("reports.threeBatches.subtitle")}</p>
      <ReportFilters action="/reports/three-batches" period={period} switches={options} />
      {error ? <p className="field-error" role="alert">{t(error)}</p> : null}
      {actionData?.error ? <p className="flash error" role="alert">{t(actionData.error)}</p> : null}
      {report.published ? (
        <p className="report-banner" data-testid="published-banner">
          {t("reports.publishedBanner", { at: formatDateTime(report.published.publishedAt), by: report.published.publishedBy ?? "—" })}
        </p>
      ) : null}
      <section className="panel">
        <div className="table-wrap">
          <table className="data report" data-testid="three-batches">
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>{t("reports.company")}</th>
                <th scope="col" rowSpan={2}>{t("reports.cluster")}</th>
                {MILESTONES.map((m) => (
                  <th key={m} scope="colgroup" colSpan={2} className="num">
                    {t(`reports.milestone.${m}`)}
                  </th>
                ))}
              </tr>
              <tr>
                {MILESTONES.map((m) => [
                  <th key={`${m}-n`} scope="col" className="num">{t("reports.count")}</th>,
                  <th key={`${m}-w`} scope="col" className="num">{t("reports.investmentWan")}</th>,
                ])}
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.id} data-company={r.name}>
                  <th scope="row">{r.name}</th>
                  <td className="muted">{r.cluster ?? "—"}</td>
                  {MILESTONES.map((m) => [
                    <td key={`${m}-n`} className="num">
                      {r[m].count ? <Link to={drill(r.id, m)}>{r[m].count}</Link> : <span className="muted">0</span>}
                    </td>,
                    <td key={`${m}-w`} className="num">
                      {r[m].count ? <Link to={drill(r.id, m)}>{formatWan(r[m].investmentWan)}</Link> : <span className="muted">0</span>}
                    </td>,
                  ])}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="total-row">
                <th scope="row" colSpan={2}>{t("reports.zoneTotal")}</th>
                {MILESTONES.map((m) => [
                  <td key={`${m}-n`} className="num" data-testid={`total-${m}-count`}>
                    <Link to={drill(null, m)}>{report.total[m].count}</Link>
                  </td>,
                  <td key={`${m}-w`} className="num" data-testid={`total-${m}-wan`}>
                    <Link to={drill(null, m)}>{formatWan(report.total[m].investmentWan)}</Link>
                  </td>,
                ])}
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="muted">{t("reports.lostNote")}</p>
      </section>
      {canPublish ? (
        <section className="panel">
          <Form method="post" className="filters">
            <CsrfInput />
            <input type="hidden" name="from" value={period.from} />
            <input type="hidden" name="to" value={period.to} />
            <div className="field">
              <label htmlFor="publish-note">{t("reports.publishNote")}</label>
              <input id="publish-note" name="note" maxLength={200} />
            </div>
            <button type="submit" className="button primary" name="intent" value="publish">
              {t("reports.publish")}
            </button>
          </Form>
          <p className="muted">{t("reports.publishHint")}</p>
        </section>
      ) : null}
      {changes ? (
        <section className="panel" data-testid="changes">
          <h2>{t("reports.changes.title")}</h2>
          {changes.length === 0 ? (
            <p className="muted">{t("reports.changes.none")}</p>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t("reports.code")}</th>
                    <th scope="col">{t("reports.project")}</th>
                    <th scope="col">{t("reports.milestone")}</th>
                    <th scope="col">{t("reports.changes.kind")}</th>
                    <th scope="col">{t("reports.changes.publishedOn")}</th>
                    <th scope="col">{t("reports.changes.currentOn")}</th>
                    <th scope="col" className="num">{t("reports.changes.publishedWan")}</th>
                    <th scope="col" className="num">{t("reports.changes.currentWan")}</th>
                    <th scope="col" className="num">{t("reports.changes.difference")}</th>
                    <th scope="col">{t("reports.changes.publishedCompany")}</th>
                    <th scope="col">{t("reports.changes.currentCompany")}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={`${c.projectId}-${c.milestone}`}>
                      <td className="nowrap">{c.code}</td>
                      <td>
                        {isAdmin && c.confidential ? t("reports.confidential") : <Link to={`/projects/${c.projectId}`}>{c.name}</Link>}
                        {c.evidenceChanged ? <div className="muted">{t("reports.changes.evidence")}</div> : null}
                      </td>
                      <td>{t(`reports.milestone.${c.milestone}`)}</td>
                      <td>{t(`reports.changes.kind.${c.kind}`)}</td>
                      <td className="nowrap">{c.publishedOn ?? "—"}</td>
                      <td className="nowrap">{c.currentOn ?? "—"}</td>
                      <td className="num">{formatWan(c.publishedWan)}</td>
                      <td className="num">{formatWan(c.currentWan)}</td>
                      <td className={`num ${c.differenceWan.startsWith("-") ? "delta-neg" : c.differenceWan === "0.00" ? "" : "delta-pos"}`}>
                        {c.differenceWan.startsWith("-") || c.differenceWan === "0.00" ? "" : "+"}
                        {formatWan(c.differenceWan)}
                      </td>
                      <td>{c.publishedCompany ?? "—"}</td>
                      <td>{c.currentCompany ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
      {targets && targets.some((r) => r.target !== null) ? (
        <section className="panel">
          <h2>{t("reports.targetsTitle", { year: period.to.slice(0, 4), date: period.to })}</h2>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("reports.company")}</th>
                  <th scope="col" className="num">{t("targets.signedCount")}</th>
                  <th scope="col" className="num">{t("targets.signedInvestment")}</th>
                  <th scope="col" className="num">{t("targets.constructionCount")}</th>
                  <th scope="col" className="num">{t("targets.productionCount")}</th>
                  <th scope="col" className="num">{t("targets.overall")}</th>
                </tr>
              </thead>
              <tbody>
                {targets.filter((r) => r.target !== null).map((r) => (
                  <tr key={r.companyId}>
                    <th scope="row">{r.company}</th>
                    <td className="num">{r.actual.signedCount} / {r.target!.signedCount} · {r.completion.signedCount ?? "—"}%</td>
                    <td className="num">
                      {formatWan(r.actual.signedInvestmentWan)} / {formatWan(r.target!.signedInvestmentWan)} · {r.completion.signedInvestment ?? "—"}%
                      <div className="muted">{t("targets.gap")} {formatWan(r.gap!.signedInvestmentWan)}</div>
                    </td>
                    <td className="num">{r.actual.constructionCount} / {r.target!.constructionCount} · {r.completion.constructionCount ?? "—"}%</td>
                    <td className="num">{r.actual.productionCount} / {r.target!.productionCount} · {r.completion.productionCount ?? "—"}%</td>
                    <td className="num">{r.overall ?? "—"}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <Link to={`/reports/targets?year=${period.to.slice(0, 4)}`}>{t("targets.title")} →</Link>
          </p>
        </section>
      ) : null}
      {published.length ? (
        <section className="panel">
          <h2>{t("reports.publishedPeriods")}</h2>
          <ul>
            {published.map((p) => (
              <li key={p.id}>
                <Link to={`/reports/three-batches?${periodQuery(p)}`}>
                  {t(`reports.kind.${p.kind as "month"}`)} {t("reports.periodLabel", { from: p.from, to: p.to })}
                </Link>{" "}
                <span className="muted">
                  {p.publishedBy ?? "—"} · {formatDateTime(p.publishedAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
