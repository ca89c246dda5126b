import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { namedOptions, SelectField } from "~/components/select-field";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { ColumnsMenu, parseHidden } from "~/components/columns-menu";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
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

const HIDEABLE = ["type", "description", "handlingCompany", "handler", "receivedOn", "solvedOn", "satisfaction"] as const;
const HIDEABLE_LABELS = [
  ["type", "service.type"],
  ["description", "service.description"],
  ["handlingCompany", "service.handlingCompany"],
  ["handler", "service.handler"],
  ["receivedOn", "service.receivedOn"],
  ["solvedOn", "service.solvedOn"],
  ["satisfaction", "service.satisfaction"],
] as const;

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
    hidden: parseHidden(new URL(request.url).searchParams, HIDEABLE),
    period,
    rows,
    measures,
    companies,
    zoneWide,
    canLog: canOpenServiceRequestForm(user),
    canEditDeadlines: canEditServiceDeadlines(user),
  };
}

type ServiceRow = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];
const column = createColumnHelper<ServiceRow>();

export default function ServiceRequestsPage() {
  const { params, hidden, period, rows, measures, companies, zoneWide, canLog, canEditDeadlines } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const viewHref = (view: string) => {
    const sp = new URLSearchParams(location.search);
    sp.set("view", view);
    return `?${sp}`;
  };
  const hideHref = (next: string) => {
    const sp = new URLSearchParams(location.search);
    if (next) sp.set("hide", next);
    else sp.delete("hide");
    return `?${sp}`;
  };
  const measuredName = companies.find((c) => c.id === params.companyId)?.name;
  const dash = (v: string | null, suffix = "") => (v === null ? "—" : `${v}${suffix}`);
  const columns = useMemo(
    () => [
      column.accessor((r) => r.enterprise ?? r.projectName, {
        id: "project",
        header: t("service.project"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <Link to={`/service-requests/${c.row.original.id}`}>{c.getValue()}</Link>
            {c.row.original.urgent ? <span className="badge status-lost"> {t("service.urgent")}</span> : null}
            <div className="muted">{c.row.original.projectCode}</div>
          </>
        ),
      }),
      column.accessor("type", {
        id: "type",
        header: t("service.type"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => t(`service.type.${c.getValue()}`),
      }),
      column.accessor("description", {
        id: "description",
        header: t("service.description"),
        meta: { cardHidden: true } satisfies ColumnMeta,
        cell: (c) => (c.getValue().length > 60 ? `${c.getValue().slice(0, 60)}…` : c.getValue()),
      }),
      column.accessor("handlingCompany", {
        id: "handlingCompany",
        header: t("service.handlingCompany"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
      }),
      column.accessor("handler", { id: "handler", header: t("service.handler"), meta: { className: "nowrap" } satisfies ColumnMeta }),
      column.accessor("status", {
        id: "status",
        header: t("service.status"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <span className="badge">{t(`service.status.${c.getValue()}`)}</span>
            {c.row.original.overdue ? <span className="badge status-lost"> {t("service.overdue")}</span> : null}
          </>
        ),
      }),
      column.accessor("receivedOn", {
        id: "receivedOn",
        header: t("service.receivedOn"),
        meta: { className: "nowrap", cardHidden: true } satisfies ColumnMeta,
      }),
      column.accessor("dueOn", {
        id: "dueOn",
        header: t("service.dueOn"),
        cell: (c) => <span className={c.row.original.overdue ? "nowrap overdue" : "nowrap"}>{c.getValue()}</span>,
      }),
      column.accessor("solvedOn", {
        id: "solvedOn",
        header: t("service.solvedOn"),
        meta: { className: "nowrap", cardHidden: true } satisfies ColumnMeta,
      }),
      column.accessor("satisfaction", {
        id: "satisfaction",
        header: t("service.satisfaction"),
        meta: { numeric: true, cardHidden: true } satisfies ColumnMeta,
      }),
    ],
    [t],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("service.title")}</h1>
        <div className="head-actions">
          <span className="muted" data-testid="list-count">
            {t("service.listCount", { n: rows.length.toLocaleString("zh-CN") })}
          </span>
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

      <p className="muted" data-testid="measures-scope">
        {t("service.measuresScope", {
          whose: !zoneWide
            ? t("service.measuresOwn")
            : measuredName
              ? t("service.measuresCompany", { company: measuredName })
              : t("service.measuresZone"),
          from: period.from,
          to: period.to,
        })}
      </p>
      <section className="kpis" aria-label={t("service.measures")}>
        <div className="kpi">
          <div className="label">{t("service.kpi.received")}</div>
          <div className="value" data-testid="measure-received">
            {measures.received}
          </div>
          <div className="sub">
            {period.from} ~ {period.to}
          </div>
        </div>
        <div className="kpi">
          <div className="label">{t("service.kpi.solved")}</div>
          <div className="value" data-testid="measure-solved">
            {measures.solved}
          </div>
        </div>
        <div className="kpi">
          <div className="label">{t("service.kpi.onTime")}</div>
          <div className="value" data-testid="measure-on-time">
            {dash(measures.onTimePercent, "%")}
          </div>
          <div className="sub">
            {measures.solvedOnTime} / {measures.solved}
          </div>
        </div>
        <div className="kpi">
          <div className="label">{t("service.kpi.medianDays")}</div>
          <div className="value" data-testid="measure-median">
            {dash(measures.medianDaysToSolve)}
          </div>
        </div>
        <div className="kpi">
          <div className="label">{t("service.kpi.satisfaction")}</div>
          <div className="value" data-testid="measure-satisfaction">
            {dash(measures.averageSatisfaction)}
          </div>
        </div>
        <div className="kpi">
          <div className="label">{t("service.kpi.rated")}</div>
          <div className="value" data-testid="measure-rated">
            {measures.rated}
          </div>
        </div>
      </section>

      <Form key={location.search} method="get" className="filters" role="search">
        <input type="hidden" name="view" value={params.view} />
        {hidden.length ? <input type="hidden" name="hide" value={hidden.join(",")} /> : null}
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
        <ColumnsMenu columns={HIDEABLE_LABELS} hidden={hidden} hideHref={hideHref} />
      </Form>

      <nav className="chips" aria-label={t("service.status")}>
        {SERVICE_VIEWS.map((view) => (
          <Link
            key={view}
            to={viewHref(view)}
            className={view === params.view ? "button small primary" : "button small"}
            aria-current={view === params.view ? "page" : undefined}
          >
            {t(`service.view.${view}`)}
          </Link>
        ))}
      </nav>

      <div className="table-wrap">
        <DataTable<ServiceRow>
          data={rows}
          columns={columns}
          clientSort
          hidden={hidden}
          emptyText={t("service.none")}
          getRowId={(r) => String(r.id)}
        />
      </div>
    </>
  );
}
