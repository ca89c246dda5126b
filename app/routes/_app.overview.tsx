import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { todayInZone, yearOf } from "~/lib/dates";
import { PROJECT_STAGES } from "~/lib/domain-values";
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

export default function OverviewPage() {
  const o = useLoaderData<typeof loader>();
  const t = useT();
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
            <div className="value">{k.cell.count.toLocaleString("zh-CN")}</div>
            <div className="sub">{formatMoneyAuto(k.cell.investmentWan, units)}</div>
          </div>
        ))}
      </div>
      <section className="panel">
        <h2>{t("overview.byCompany")}</h2>
        <p className="muted">{t("overview.activeOnly")}</p>
        <div className="table-wrap">
          <table className="data overview">
            <thead>
              <tr>
                <th scope="col">{t("overview.companyCol")}</th>
                {PROJECT_STAGES.map((s) => (
                  <th key={s} className="num" scope="col">
                    {t(`stage.${s}`)}
                  </th>
                ))}
                <th className="num" scope="col">
                  {t("common.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {o.rows.map((r) => (
                <tr key={r.companyId}>
                  <th scope="row">
                    <Link to={`/projects?company=${r.companyId}&status=open`}>{r.companyName}</Link>
                  </th>
                  {PROJECT_STAGES.map((s) => (
                    <td key={s} className="num">
                      {r.stages[s].count ? (
                        <Link to={`/projects?company=${r.companyId}&stage=${s}&status=open`}>
                          {r.stages[s].count}
                          <div className="muted">{formatWan(r.stages[s].investmentWan)}</div>
                        </Link>
                      ) : (
                        <span className="muted">0</span>
                      )}
                    </td>
                  ))}
                  <td className="num">
                    <strong>{r.total.count}</strong>
                    <div className="muted">{formatWan(r.total.investmentWan)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>{t("common.total")}</td>
                {PROJECT_STAGES.map((s) => (
                  <td key={s} className="num" data-testid={`zone-${s}`}>
                    {o.zoneStages[s].count}
                    <div className="muted">{formatWan(o.zoneStages[s].investmentWan)}</div>
                  </td>
                ))}
                <td className="num" data-testid="zone-total">
                  {o.zoneTotal.count}
                  <div className="muted">{formatWan(o.zoneTotal.investmentWan)}</div>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </>
  );
}
