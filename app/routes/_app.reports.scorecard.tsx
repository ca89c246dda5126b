import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { periodFromSearch, periodQuery } from "~/lib/periods";
import type { MeasureDef } from "~/lib/scorecard";
import { MEASURES } from "~/lib/scorecard";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeReports, canSetScorecardWeights } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ExportLinks, ReportFilters } from "~/modules/reports/components/report-filters";
import { WeightsForm } from "~/modules/reports/components/weights-form";
import { reportSwitches, scorecardWeightsSchema } from "~/modules/reports/reports.schema";
import { saveScorecardWeights, scorecard } from "~/modules/reports/scorecard.server";
import { replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "scorecard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canSeeReports(user)) throw data(null, { status: 403 });
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/reports/export/scorecard${url.search}`);
  const { period, error } = periodFromSearch(url.searchParams, todayInZone());
  const { basis } = reportSwitches(url.searchParams);
  const scope = url.searchParams.get("scope") === "all" ? ("all" as const) : ("attraction" as const);
  const card = await scorecard(user.zoneId, period, { basis, scope });
  return { card, error, basis, scope, canEdit: canSetScorecardWeights(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  if (!canSetScorecardWeights(user)) throw data(null, { status: 403 });
  const parsed = parseForm(scorecardWeightsSchema, form);
  if (!parsed.ok) return replyInvalid("weight", parsed.errors, form);
  const { value: version } = throwIfRefused(await saveScorecardWeights(user, parsed.data));
  const t = await getTranslator(request);
  const url = new URL(request.url);
  return redirect(`/reports/scorecard${url.search}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("scorecard.weightsSaved", { version }) }) },
  });
}

function formatValue(m: MeasureDef, value: number | string | null) {
  if (value === null) return "—";
  if (m.kind === "wan") return formatWan(String(value));
  if (m.kind === "percent") return `${value}%`;
  return String(value);
}

export default function ScorecardPage() {
  const { card, error, basis, scope, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const location = useLocation();
  const weighted = MEASURES.filter((m) => card.weights[m.key] > 0);
  return (
    <>
      <div className="page-head">
        <h1>{t("scorecard.title")}</h1>
        <div className="head-actions">
          <span className="muted">{t("reports.periodLabel", { from: card.period.from, to: card.period.to })}</span>
          <ExportLinks path="/reports/export/scorecard" search={location.search} />
        </div>
      </div>
      <p className="muted">{t("scorecard.subtitle")}</p>
      <ReportFilters
        action="/reports/scorecard"
        period={card.period}
        switches={{ basis, evidenceOnly: false }}
        showEvidence={false}
        extra={
          <div className="field">
            <label htmlFor="scope">{t("scorecard.scope")}</label>
            <select id="scope" name="scope" defaultValue={scope}>
              <option value="attraction">{t("scorecard.scope.attraction")}</option>
              <option value="all">{t("scorecard.scope.all")}</option>
            </select>
          </div>
        }
      />
      {error ? <p className="field-error" role="alert">{t(error)}</p> : null}
      <p className="muted">
        {card.weightSet.version
          ? t("scorecard.weightsVersion", { version: card.weightSet.version, by: card.weightSet.by ?? "—", at: formatDateTime(card.weightSet.createdAt) })
          : t("scorecard.weightsDefault")}{" "}
        · {t("scorecard.previousPeriod", { from: card.previous.from, to: card.previous.to })}
      </p>
      <section className="panel">
        <div className="table-wrap">
          <table className="data report" data-testid="scorecard">
            <thead>
              <tr>
                <th scope="col" className="num">{t("scorecard.rank")}</th>
                <th scope="col" className="num">{t("scorecard.previousRank")}</th>
                <th scope="col">{t("reports.company")}</th>
                <th scope="col" className="num">{t("scorecard.total")}</th>
                <th scope="col" className="num">
                  {t("targets.overall")}
                  <div className="muted">{t("targets.gap")}</div>
                </th>
                {weighted.map((m) => (
                  <th key={m.key} scope="col" className="num" title={m.better === "lower" ? t("scorecard.better.lower") : undefined}>
                    {t(`scorecard.measure.${m.key}`)}
                    <div className="muted">
                      {t("scorecard.weights")} {card.weights[m.key]}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {card.rows.map((r) => (
                <tr key={r.id} data-company={r.name}>
                  <td className="num" data-testid="rank">{r.rank}</td>
                  <td className="num muted">{r.previousRank ?? "—"}</td>
                  <th scope="row">
                    <Link to={`/reports/three-batches/projects?${periodQuery(card.period)}&basis=${basis}&company=${r.id}`}>{r.name}</Link>
                  </th>
                  <td className="num" data-testid="total">
                    <strong>{r.total.toFixed(2)}</strong>
                  </td>
                  <td className="num">
                    {r.target?.overall ? `${r.target.overall}%` : "—"}
                    <div className="muted">{r.target?.gap ? `${formatWan(r.target.gap.signedInvestmentWan)} ${t("common.wan")}` : ""}</div>
                  </td>
                  {weighted.map((m) => (
                    <td key={m.key} className="num">
                      {formatValue(m, r.values[m.key])}
                      <div className="muted" title={`${t("scorecard.score")} ${r.scores[m.key].toFixed(2)}`}>
                        {r.scores[m.key].toFixed(1)} → {r.contributions[m.key].toFixed(2)}
                      </div>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">{t("scorecard.scoringNote")}</p>
        <p className="muted">{t("scorecard.snapshotNote")}</p>
      </section>
      <section className="panel">
        <h2>{t("scorecard.detail")}</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("reports.company")}</th>
                {MEASURES.map((m) => (
                  <th key={m.key} scope="col" className="num">
                    {t(`scorecard.measure.${m.key}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {card.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.shortName}</th>
                  {MEASURES.map((m) => (
                    <td key={m.key} className="num">
                      {formatValue(m, r.values[m.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {canEdit ? (
        <section className="panel" id="weights">
          <h2>{t("scorecard.editWeights")}</h2>
          <WeightsForm key={`${card.weightSet.version}-${JSON.stringify(actionData ?? {})}`} weights={card.weights} reply={actionData} />
        </section>
      ) : null}
    </>
  );
}
