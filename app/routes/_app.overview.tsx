import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { todayInZone, yearOf } from "~/lib/dates";
import { PROJECT_STAGES } from "~/lib/domain-values";
import { formatCount } from "~/lib/format";
import { formatMoneyAuto, formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canSeeZoneOverview } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { getZoneOverview } from "~/modules/overview/overview.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "overview.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeZoneOverview(user));
  return getZoneOverview(user, yearOf(todayInZone()));
}

type OverviewRow = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];
const column = createColumnHelper<OverviewRow>();

export default function OverviewPage() {
  const o = useLoaderData<typeof loader>();
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("companyName", {
        header: t("overview.companyCol"),
        meta: { rowHeader: true, cardTitle: true } satisfies ColumnMeta,
        cell: (c) => <Link to={`/projects?company=${c.row.original.companyId}&status=open`}>{c.getValue()}</Link>,
      }),
      ...PROJECT_STAGES.map((s) =>
        column.display({
          id: s,
          header: t(`stage.${s}`),
          meta: { numeric: true } satisfies ColumnMeta,
          cell: (c) => {
            const r = c.row.original;
            return r.stages[s].count ? (
              <Link to={`/projects?company=${r.companyId}&stage=${s}&status=open`}>
                {formatCount(r.stages[s].count)}
                <div className="muted">{formatWan(r.stages[s].investmentWan)}</div>
              </Link>
            ) : (
              <span className="muted">0</span>
            );
          },
        }),
      ),
      column.accessor("total", {
        header: t("common.total"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <strong>{formatCount(c.getValue().count)}</strong>
            <div className="muted">{formatWan(c.getValue().investmentWan)}</div>
          </>
        ),
      }),
    ],
    [t],
  );
  const units = { wan: t("common.wan"), yi: t("common.yi") };
  const kpis = [
    { label: t("overview.projects"), cell: o.zoneTotal },
    { label: t("overview.pipeline"), cell: o.pipeline },
    { label: t("overview.signedYear", { year: o.year }), cell: o.milestones.signed },
    { label: t("overview.constructionYear", { year: o.year }), cell: o.milestones.construction },
    { label: t("overview.productionYear", { year: o.year }), cell: o.milestones.production },
  ];
  return (
    <>
      <div className="page-head">
        <h1>{t("overview.title")}</h1>
        <Link to="/reports/three-batches?preset=year" className="button small">
          {t("nav.threeBatches")} →
        </Link>
      </div>
      <div className="kpis">
        {kpis.map((k) => (
          <div className="kpi" key={k.label}>
            <div className="label">{k.label}</div>
            <div className="value">{formatCount(k.cell.count)}</div>
            <div className="sub">{formatMoneyAuto(k.cell.investmentWan, units)}</div>
          </div>
        ))}
      </div>
      <section className="panel">
        <h2>{t("overview.byCompany")}</h2>
        <p className="muted">{t("overview.activeOnly")}</p>
        <div className="table-wrap">
          <DataTable<OverviewRow>
            data={o.rows}
            columns={columns}
            emptyText={t("common.noRows")}
            getRowId={(r) => String(r.companyId)}
            className="overview"
            footer={
              <tr>
                <th scope="row" data-card="title">
                  {t("common.total")}
                </th>
                {PROJECT_STAGES.map((s) => (
                  <td key={s} className="num" data-testid={`zone-${s}`} data-label={t(`stage.${s}`)}>
                    {formatCount(o.zoneStages[s].count)}
                    <div className="muted">{formatWan(o.zoneStages[s].investmentWan)}</div>
                  </td>
                ))}
                <td className="num" data-testid="zone-total" data-label={t("common.total")}>
                  {formatCount(o.zoneTotal.count)}
                  <div className="muted">{formatWan(o.zoneTotal.investmentWan)}</div>
                </td>
              </tr>
            }
          />
        </div>
      </section>
    </>
  );
}
