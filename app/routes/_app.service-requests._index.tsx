import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { namedOptions, SelectField } from "~/components/select-field";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { todayInZone } from "~/lib/dates";
import { SERVICE_REQUEST_TYPES } from "~/lib/domain-values";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canEditServiceDeadlines, canFilterByCompany, canListServiceRequests, canOpenServiceRequestForm } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { serviceMeasures } from "~/modules/service/service-measures.server";
import { SERVICE_VIEWS, serviceListParamsSchema } from "~/modules/service/service-requests.schema";
import { handlingCompaniesWithRequests, listServiceRequests } from "~/modules/service/service-requests.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "service.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canListServiceRequests(user), 403);
  const params = serviceListParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const today = todayInZone();
  const period = { from: params.from ?? `${today.slice(0, 4)}-01-01`, to: params.to ?? today };
  const zoneWide = canFilterByCompany(user);
  // A company's measures are those of the requests it handles; leaders see the zone or one company.
  const measuredCompany = zoneWide ? params.companyId : (user.companyId ?? -1);
  const [rows, measures, companies] = await Promise.all([
    listServiceRequests(user, params, today),
    serviceMeasures(user.zoneId, period, measuredCompany),
    zoneWide ? handlingCompaniesWithRequests(user) : Promise.resolve([]),
  ]);
  return {
    params,
    period,
    rows,
    measures,
    companies,
    zoneWide,
    canLog: canOpenServiceRequestForm(user),
    canEditDeadlines: canEditServiceDeadlines(user),
  };
}

export default function ServiceRequestsPage() {
  const { params, period, rows, measures, companies, zoneWide, canLog, canEditDeadlines } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const viewHref = (view: string) => {
    const sp = new URLSearchParams(location.search);
    sp.set("view", view);
    return `?${sp}`;
  };
  const dash = (v: string | null, suffix = "") => (v === null ? "—" : `${v}${suffix}`);
  return (
    <>
      <div className="page-head">
        <h1>{t("service.title")}</h1>
        <div className="head-actions">
          <span className="muted">{t("common.rows", { n: rows.length })}</span>
          {canEditDeadlines ? (
            <Link to="/service-requests/deadlines" className="button">
              {t("service.deadlines")}
            </Link>
          ) : null}
          {canLog ? (
            <Link to="/service-requests/new" className="button primary">
              {t("service.new")}
            </Link>
          ) : null}
        </div>
      </div>

      <section className="kpis" aria-label={t("service.measures")}>
        <div className="kpi">
          <div className="label">{t("service.received")}</div>
          <div className="value" data-testid="measure-received">{measures.received}</div>
          <div className="sub">
            {period.from} ~ {period.to}
          </div>
        </div>
        <div className="kpi">
          <div className="label">{t("service.solvedCount")}</div>
          <div className="value" data-testid="measure-solved">{measures.solved}</div>
        </div>
        <div className="kpi">
          <div className="label">{t("service.onTime")}</div>
          <div className="value" data-testid="measure-on-time">{dash(measures.onTimePercent, "%")}</div>
          <div className="sub">
            {measures.solvedOnTime} / {measures.solved}
          </div>
        </div>
        <div className="kpi">
          <div className="label">{t("service.medianDays")}</div>
          <div className="value" data-testid="measure-median">{dash(measures.medianDaysToSolve)}</div>
        </div>
        <div className="kpi">
          <div className="label">{t("service.avgSatisfaction")}</div>
          <div className="value" data-testid="measure-satisfaction">{dash(measures.averageSatisfaction)}</div>
        </div>
      </section>

      <Form key={location.search} method="get" className="filters" role="search">
        <input type="hidden" name="view" value={params.view} />
        <SelectField
          id="type"
          label={t("service.type")}
          value={params.type}
          emptyLabel={t("common.all")}
          options={SERVICE_REQUEST_TYPES.map((type) => ({ value: type, label: t(`service.type.${type}`) }))}
        />
        {zoneWide ? (
          <SelectField
            id="companyId"
            label={t("service.handlingCompany")}
            value={params.companyId}
            emptyLabel={t("common.all")}
            options={namedOptions(companies)}
          />
        ) : null}
        <div className="field">
          <label htmlFor="from">{t("service.from")}</label>
          <input id="from" name="from" type="date" defaultValue={period.from} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("service.to")}</label>
          <input id="to" name="to" type="date" defaultValue={period.to} />
        </div>
        <button type="submit" className="button primary">
          {t("common.search")}
        </button>
        <Link to="/service-requests" className="button">
          {t("common.reset")}
        </Link>
      </Form>

      <nav className="chips" aria-label={t("service.status")}>
        {SERVICE_VIEWS.map((view) => (
          <Link key={view} to={viewHref(view)} className={view === params.view ? "button small primary" : "button small"} aria-current={view === params.view ? "page" : undefined}>
            {t(`service.view.${view}`)}
          </Link>
        ))}
      </nav>

      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>{t("service.project")}</th>
              <th>{t("service.type")}</th>
              <th>{t("service.description")}</th>
              <th>{t("service.handlingCompany")}</th>
              <th>{t("service.handler")}</th>
              <th>{t("service.status")}</th>
              <th>{t("service.receivedOn")}</th>
              <th>{t("service.dueOn")}</th>
              <th>{t("service.solvedOn")}</th>
              <th className="num">{t("service.satisfaction")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={10} className="empty">
                  {t("service.none")}
                </td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/service-requests/${r.id}`}>{r.enterprise ?? r.projectName}</Link>
                  {r.urgent ? <span className="badge status-lost"> {t("service.urgent")}</span> : null}
                  <div className="muted">{r.projectCode}</div>
                </td>
                <td className="nowrap">{t(`service.type.${r.type}`)}</td>
                <td>{r.description.length > 60 ? `${r.description.slice(0, 60)}…` : r.description}</td>
                <td className="nowrap">{r.handlingCompany}</td>
                <td className="nowrap">{r.handler ?? "—"}</td>
                <td className="nowrap">
                  <span className="badge">{t(`service.status.${r.status}`)}</span>
                  {r.overdue ? <span className="badge status-lost"> {t("service.overdue")}</span> : null}
                </td>
                <td className="nowrap">{r.receivedOn}</td>
                <td className={r.overdue ? "nowrap overdue" : "nowrap"}>{r.dueOn}</td>
                <td className="nowrap">{r.solvedOn ?? "—"}</td>
                <td className="num">{r.satisfaction ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
