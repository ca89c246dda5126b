import { readingReports } from "~/modules/reports/replica.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { DataTable } from "~/components/data-table";
import type { MessageKey } from "~/lib/i18n";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { formatCount } from "~/lib/format";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { checkRange, comparedPeriod, comparisonFromSearch, periodFromSearch, periodQuery, PUBLISHABLE_KINDS } from "~/lib/periods";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canPublishPeriods, canSeeReports, hidesConfidentialInReports } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse, throwIfRefused } from "~/modules/http/respond.server";
import { compareReports } from "~/modules/reports/comparison";
import { CompareCell } from "~/modules/reports/components/compare-line";
import { ExportLinks, ReportFilters } from "~/modules/reports/components/report-filters";
import { changesSincePublished, listPublishedPeriods, publishPeriod } from "~/modules/reports/published-periods.server";
import { reportSwitches } from "~/modules/reports/reports.schema";
import { targetProgress } from "~/modules/reports/targets.server";
import { MILESTONES } from "~/modules/reports/milestones";
import type { ThreeBatchesReport } from "~/modules/reports/three-batches.server";
import { threeBatchesReport } from "~/modules/reports/three-batches.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.threeBatches.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeReports(user), 403);
  const url = new URL(request.url);
  const today = todayInZone();
  const { period, error } = periodFromSearch(url.searchParams, today);
  const switches = reportSwitches(url.searchParams);
  const compare = comparisonFromSearch(url.searchParams);
  // A UI route cannot answer a document request with a file: the download comes from the export resource route.
  if (requestedExport(url)) throw redirect(`/reports/export/three-batches${url.search}`);
  const before = compare ? comparedPeriod(period, compare) : null;
  const [report, previous] = await readingReports(() =>
    Promise.all([
      threeBatchesReport(user.zoneId, { from: period.from, to: period.to, ...switches }),
      before ? threeBatchesReport(user.zoneId, { from: before.from, to: before.to, ...switches }) : null,
    ]),
  );
  const sameYear = period.from.slice(0, 4) === period.to.slice(0, 4);
  const canPublish =
    canPublishPeriods(user) && !report.published && (PUBLISHABLE_KINDS as readonly string[]).includes(period.kind) && period.to < today;
  // The confirmation step (?step=confirm): what will be frozen is every claimed milestone, whatever the switches.
  const confirming = canPublish && url.searchParams.get("step") === "confirm";
  const [changes, targets, published, frozen] = await readingReports(() =>
    Promise.all([
      report.published ? changesSincePublished(user.zoneId, report.published.id) : null,
      sameYear ? targetProgress(user.zoneId, Number(period.to.slice(0, 4)), period.to, switches.basis) : null,
      listPublishedPeriods(user.zoneId),
      confirming
        ? switches.evidenceOnly
          ? threeBatchesReport(user.zoneId, { from: period.from, to: period.to, basis: "owner", evidenceOnly: false }).then((r) => r.total)
          : report.total
        : null,
    ]),
  );
  const note = (url.searchParams.get("note") ?? "").trim().slice(0, 200);
  return {
    report,
    error,
    changes,
    targets,
    published,
    canPublish,
    confirm: frozen ? { total: frozen, note } : null,
    comparison: previous && compare ? compareReports(report, previous, compare) : null,
    compare,
    isAdmin: hidesConfidentialInReports(user),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canPublishPeriods(user), 403);
  const t = await getTranslator(request);
  const checked = checkRange(String(form.get("from") ?? ""), String(form.get("to") ?? ""));
  if (!checked.ok) return data({ error: checked.error }, { status: 400 });
  // Publishing cannot be undone: only the confirmation step's own button (which names the period) publishes.
  if (form.get("confirmed") !== "yes") return data({ error: "reports.error.notConfirmed" as const }, { status: 400 });
  const note =
    String(form.get("note") ?? "")
      .trim()
      .slice(0, 200) || null;
  const result = throwIfRefused(await publishPeriod(user, checked.period, note));
  if (result.kind === "invalid") return data({ error: result.fieldErrors._form as MessageKey }, { status: 400 });
  if (result.kind === "conflict") return data({ error: result.detail.error }, { status: 409 });
  const flash = { kind: "ok" as const, message: t("reports.publishedOk", { from: checked.period.from, to: checked.period.to }) };
  return redirect(`/reports/three-batches?${periodQuery(checked.period)}`, { headers: { "Set-Cookie": await flashHeader(flash) } });
}

type Row = ThreeBatchesReport["rows"][number];

export default function ThreeBatchesPage() {
  const { report, error, changes, targets, published, canPublish, confirm, comparison, compare, isAdmin } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const actionData = useActionData<typeof action>();
  const { period, options } = report;
  const switchQuery = `basis=${options.basis}${options.evidenceOnly ? "&evidence=only" : ""}`;
  const drill = (company: number | null, milestone: string) =>
    `/reports/three-batches/projects?${periodQuery(period)}&${switchQuery}&milestone=${milestone}${company ? `&company=${company}` : ""}`;
  const columns = useMemo(() => {
    const col = createColumnHelper<Row>();
    return [
      col.accessor("name", { id: "company", header: () => t("reports.company"), cell: (c) => <strong>{c.getValue()}</strong> }),
      col.accessor("cluster", {
        id: "cluster",
        header: () => t("reports.cluster"),
        cell: (c) => <span className="muted">{c.getValue() ?? "—"}</span>,
      }),
      ...MILESTONES.flatMap((m) => [
        col.display({
          id: `${m}-count`,
          header: () => `${t(`reports.milestone.${m}`)}${t("reports.count")}`,
          meta: { numeric: true },
          cell: ({ row: { original: r } }) => {
            const cmp = comparison?.rows[String(r.id)]?.[m];
            return (
              <>
                {r[m].count ? <Link to={drill(r.id, m)}>{formatCount(r[m].count)}</Link> : <span className="muted">0</span>}
                <CompareCell cmp={cmp} figure="count" />
              </>
            );
          },
        }),
        col.display({
          id: `${m}-wan`,
          header: () => `${t(`reports.milestone.${m}`)}${t("reports.investmentWan")}`,
          meta: { numeric: true },
          cell: ({ row: { original: r } }) => {
            const cmp = comparison?.rows[String(r.id)]?.[m];
            return (
              <>
                {r[m].count ? <Link to={drill(r.id, m)}>{formatWan(r[m].investmentWan)}</Link> : <span className="muted">0</span>}
                <CompareCell cmp={cmp} figure="investmentWan" />
              </>
            );
          },
        }),
      ]),
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt when the figures or the language change
  }, [report, comparison, t]);
  const backQuery = `${periodQuery(period)}&${switchQuery}${compare ? `&compare=${compare}` : ""}`;
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
      <ReportFilters action="/reports/three-batches" period={period} switches={options} compare={compare} />
      {error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="flash error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {report.published ? (
        <p className="report-banner" data-testid="published-banner">
          {t("reports.publishedBanner", { at: formatDateTime(report.published.publishedAt), by: report.published.publishedBy ?? "—" })}
          {report.published.note ? <span className="muted"> {t("reports.publishedNoteShown", { note: report.published.note })}</span> : null}
        </p>
      ) : null}
      {comparison ? (
        <p className="muted" data-testid="compare-period">
          {t(`reports.compare.${comparison.comparison}`)} · {t("reports.compare.period", { from: comparison.period.from, to: comparison.period.to })}{" "}
          · {t("reports.compare.note")}
        </p>
      ) : null}
      <section className="panel">
        <div className="table-wrap" data-testid="three-batches">
          <DataTable
            data={report.rows}
            columns={columns}
            sort=""
            dir="asc"
            sortHref={() => location.pathname + location.search}
            emptyText={t("common.noRows")}
            getRowId={(r) => String(r.id)}
            footer={
              <tr className="total-row">
                <th scope="row" colSpan={2}>
                  {t("reports.zoneTotal")}
                </th>
                {MILESTONES.map((m) => [
                  <td key={`${m}-n`} className="num">
                    <span data-testid={`total-${m}-count`}>
                      <Link to={drill(null, m)}>{formatCount(report.total[m].count)}</Link>
                    </span>
                    <CompareCell cmp={comparison?.total[m]} figure="count" testId={`compare-${m}-count`} />
                  </td>,
                  <td key={`${m}-w`} className="num">
                    <span data-testid={`total-${m}-wan`}>
                      <Link to={drill(null, m)}>{formatWan(report.total[m].investmentWan)}</Link>
                    </span>
                    <CompareCell cmp={comparison?.total[m]} figure="investmentWan" testId={`compare-${m}-wan`} />
                  </td>,
                ])}
              </tr>
            }
          />
        </div>
        <p className="muted">{t("reports.lostNote")}</p>
      </section>
      {confirm ? (
        <section className="panel confirm-publish" data-testid="publish-confirm" aria-labelledby="publish-confirm-title">
          <h2 id="publish-confirm-title">
            {t("reports.confirm.title", { kind: t(`reports.kind.${period.kind as "month"}`), from: period.from, to: period.to })}
          </h2>
          <p>{t("reports.confirm.body")}</p>
          <table className="data">
            <caption className="muted">{t("reports.confirm.totals")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.milestone")}</th>
                <th scope="col" className="num">
                  {t("reports.count")}
                </th>
                <th scope="col" className="num">
                  {t("reports.investmentWan")}
                </th>
              </tr>
            </thead>
            <tbody>
              {MILESTONES.map((m) => (
                <tr key={m}>
                  <th scope="row">{t(`reports.milestone.${m}`)}</th>
                  <td className="num">{formatCount(confirm.total[m].count)}</td>
                  <td className="num">{formatWan(confirm.total[m].investmentWan)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {confirm.note ? <p className="muted">{t("reports.publishedNoteShown", { note: confirm.note })}</p> : null}
          <p className="field-error">{t("reports.confirm.irreversible")}</p>
          <Form method="post" className="filters">
            <CsrfInput />
            <input type="hidden" name="from" value={period.from} />
            <input type="hidden" name="to" value={period.to} />
            <input type="hidden" name="note" value={confirm.note} />
            <input type="hidden" name="confirmed" value="yes" />
            <button type="submit" className="button primary" name="intent" value="publish">
              {t("reports.confirm.submit", { from: period.from, to: period.to })}
            </button>
            <Link to={`/reports/three-batches?${backQuery}`} className="button">
              {t("common.cancel")}
            </Link>
          </Form>
        </section>
      ) : canPublish ? (
        <section className="panel">
          {/* A GET to the confirmation step: nothing is published from here, with or without JavaScript. */}
          <Form method="get" className="filters">
            <input type="hidden" name="from" value={period.from} />
            <input type="hidden" name="to" value={period.to} />
            <input type="hidden" name="basis" value={options.basis} />
            {options.evidenceOnly ? <input type="hidden" name="evidence" value="only" /> : null}
            {compare ? <input type="hidden" name="compare" value={compare} /> : null}
            <input type="hidden" name="step" value="confirm" />
            <div className="field">
              <label htmlFor="publish-note">{t("reports.publishNote")}</label>
              <input id="publish-note" name="note" maxLength={200} />
            </div>
            <button type="submit" className="button primary">
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
                    <th scope="col" className="num">
                      {t("reports.changes.publishedWan")}
                    </th>
                    <th scope="col" className="num">
                      {t("reports.changes.currentWan")}
                    </th>
                    <th scope="col" className="num">
                      {t("reports.changes.difference")}
                    </th>
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
                  <th scope="col" className="num">
                    {t("targets.signedCount")}
                  </th>
                  <th scope="col" className="num">
                    {t("targets.signedInvestment")}
                  </th>
                  <th scope="col" className="num">
                    {t("targets.constructionCount")}
                  </th>
                  <th scope="col" className="num">
                    {t("targets.productionCount")}
                  </th>
                  <th scope="col" className="num">
                    {t("targets.overall")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {targets
                  .filter((r) => r.target !== null)
                  .map((r) => (
                    <tr key={r.companyId}>
                      <th scope="row">{r.company}</th>
                      <td className="num">
                        {r.actual.signedCount} / {r.target!.signedCount} · {r.completion.signedCount ?? "—"}%
                      </td>
                      <td className="num">
                        {formatWan(r.actual.signedInvestmentWan)} / {formatWan(r.target!.signedInvestmentWan)} ·{" "}
                        {r.completion.signedInvestment ?? "—"}%
                        <div className="muted">
                          {t("targets.gap")} {formatWan(r.gap!.signedInvestmentWan)}
                        </div>
                      </td>
                      <td className="num">
                        {r.actual.constructionCount} / {r.target!.constructionCount} · {r.completion.constructionCount ?? "—"}%
                      </td>
                      <td className="num">
                        {r.actual.productionCount} / {r.target!.productionCount} · {r.completion.productionCount ?? "—"}%
                      </td>
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
