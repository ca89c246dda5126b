import { readingReports } from "~/modules/reports/replica.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Pager } from "~/components/pager";
import { namedOptions, SelectField } from "~/components/select-field";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { formatDateTime } from "~/lib/dates";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { periodQuery } from "~/lib/periods";
import { useT } from "~/lib/use-i18n";
import { canSeeReports } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ExportLinks, ReportFilters } from "~/modules/reports/components/report-filters";
import { loadDrillDown } from "~/modules/reports/report-routes.server";
import { MILESTONES } from "~/modules/reports/milestones";
import { invariantResponse } from "~/modules/http/respond.server";
import { formatCount } from "~/lib/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.drill.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeReports(user), 403);
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/reports/export/three-batches-projects${url.search}`);
  return readingReports(() => loadDrillDown(user, url, { paged: true }));
}

/** The same drill-down from another page (`after` a cursor), or from its first page. */
function withAfter(search: string, cursor: string | undefined) {
  const params = new URLSearchParams(search);
  if (cursor) params.set("after", cursor);
  else params.delete("after");
  const query = params.toString();
  return `/reports/three-batches/projects${query ? `?${query}` : ""}`;
}

export default function ThreeBatchesProjectsPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const switchQuery = `basis=${d.switches.basis}${d.switches.evidenceOnly ? "&evidence=only" : ""}`;
  return (
    <>
      <p>
        <Link to={`/reports/three-batches?${periodQuery(d.period)}&${switchQuery}`}>← {t("reports.drill.back")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t("reports.drill.title")} · {d.company?.name ?? t("reports.drill.zone")} ·{" "}
          {d.milestone ? t(`reports.milestone.${d.milestone}`) : t("reports.drill.all")}
        </h1>
        <div className="head-actions">
          <span className="muted">{t("common.rows", { n: formatCount(d.total.count) })}</span>
          <ExportLinks path="/reports/export/three-batches-projects" search={location.search} />
        </div>
      </div>
      <ReportFilters
        action="/reports/three-batches/projects"
        period={d.period}
        switches={d.switches}
        extra={
          <>
            <SelectField
              id="drill-company"
              name="company"
              label={t("reports.company")}
              value={d.company ? String(d.company.id) : ""}
              emptyLabel={t("reports.drill.zone")}
              options={namedOptions(d.companies)}
            />
            <SelectField
              id="drill-milestone"
              name="milestone"
              label={t("reports.milestone")}
              value={d.milestone}
              emptyLabel={t("reports.drill.all")}
              options={MILESTONES.map((m) => ({ value: m, label: t(`reports.milestone.${m}`) }))}
            />
          </>
        }
      />
      {d.error ? (
        <p className="field-error" role="alert">
          {t(d.error)}
        </p>
      ) : null}
      {d.published ? (
        <p className="report-banner">
          {t("reports.publishedBanner", { at: formatDateTime(d.published.publishedAt), by: d.published.publishedBy ?? "—" })}
        </p>
      ) : null}
      <section className="panel">
        <div className="table-wrap">
          <table className="data" data-testid="drill-down">
            <thead>
              <tr>
                <th scope="col">{t("reports.code")}</th>
                <th scope="col">{t("reports.project")}</th>
                <th scope="col">{t("reports.milestone")}</th>
                <th scope="col">{t("reports.businessOn")}</th>
                <th scope="col" className="num">
                  {t("reports.investmentWan")}
                </th>
                <th scope="col">{t("reports.creditCompany")}</th>
                <th scope="col">{t("reports.ownerCompany")}</th>
                <th scope="col">{t("reports.owner")}</th>
                <th scope="col">{t("reports.stage")}</th>
                <th scope="col">{t("reports.hasEvidence")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.length === 0 ? (
                <tr>
                  <td colSpan={10} className="muted">
                    {t("common.noRows")}
                  </td>
                </tr>
              ) : null}
              {d.rows.map((r, i) =>
                r.hidden ? (
                  // Counted in the totals, nothing that points at the project (see maskDrillRow).
                  <tr key={`hidden-${i}`} data-testid="drill-hidden">
                    <td className="nowrap">—</td>
                    <td>
                      <span className="muted">{t("reports.confidential")}</span>
                    </td>
                    <td>{t(`reports.milestone.${r.milestone}`)}</td>
                    <td colSpan={7} className="muted">
                      —
                    </td>
                  </tr>
                ) : (
                  <tr key={`${r.projectId}-${r.milestone}`}>
                    <td className="nowrap">{r.code}</td>
                    <td>
                      <Link to={`/projects/${r.projectId}`}>{r.name}</Link>
                    </td>
                    <td>{t(`reports.milestone.${r.milestone}`)}</td>
                    <td className="nowrap">{r.businessOn}</td>
                    <td className="num">{formatWan(r.investmentWan)}</td>
                    <td>{r.creditCompanyName}</td>
                    <td>{r.companyName}</td>
                    <td>{r.ownerName ?? "—"}</td>
                    <td>
                      {t(`stage.${r.stage as "lead"}`)}
                      {r.status !== "active" ? <span className="muted"> · {t(`status.${r.status as "lost"}`)}</span> : null}
                    </td>
                    <td>{r.hasEvidence ? t("common.yes") : t("common.no")}</td>
                  </tr>
                ),
              )}
            </tbody>
            <tfoot>
              <tr className="total-row">
                <th scope="row" colSpan={4}>
                  {t("common.total")}
                </th>
                <td className="num" data-testid="drill-total-wan">
                  {formatWan(d.total.investmentWan)}
                </td>
                <td colSpan={5} data-testid="drill-total-count">
                  {t("common.rows", { n: formatCount(d.total.count) })}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        {d.paging.next || d.paging.after ? (
          <Pager
            total={d.total.count}
            nextCursor={d.paging.next}
            showFirst={d.paging.after !== undefined}
            firstHref={withAfter(location.search, undefined)}
            pageHref={(_key, cursor) => withAfter(location.search, cursor)}
          />
        ) : null}
      </section>
    </>
  );
}
