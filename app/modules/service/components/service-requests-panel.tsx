import { Link } from "@remix-run/react";
import { useT } from "~/lib/use-i18n";
import type { ServiceRequestStatus, ServiceRequestType } from "~/lib/domain-values";

type Row = {
  id: number;
  type: ServiceRequestType;
  description: string;
  status: ServiceRequestStatus;
  handlingCompany: string;
  handler: string | null;
  receivedOn: string;
  dueOn: string;
  satisfaction: number | null;
  overdue: boolean;
};

/** The enterprise requests of one project, on the project page. */
export function ServiceRequestsPanel({ projectId, rows, canLog }: { projectId: number; rows: Row[]; canLog: boolean }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="service-requests-heading">
      <div className="page-head">
        <h2 id="service-requests-heading">{t("service.title")}</h2>
        {canLog ? (
          <Link to={`/service-requests/new?projectId=${projectId}`} className="button small">
            {t("service.new")}
          </Link>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t("service.none")}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>{t("service.type")}</th>
              <th>{t("service.description")}</th>
              <th>{t("service.handlingCompany")}</th>
              <th>{t("service.status")}</th>
              <th>{t("service.dueOn")}</th>
              <th className="num">{t("service.satisfaction")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">
                  <Link to={`/service-requests/${r.id}`}>{t(`service.type.${r.type}`)}</Link>
                </td>
                <td>{r.description.length > 40 ? `${r.description.slice(0, 40)}…` : r.description}</td>
                <td className="nowrap">
                  {r.handlingCompany}
                  {r.handler ? <div className="muted">{r.handler}</div> : null}
                </td>
                <td className="nowrap">
                  <span className="badge">{t(`service.status.${r.status}`)}</span>
                  {r.overdue ? <span className="badge status-lost"> {t("service.overdue")}</span> : null}
                </td>
                <td className={r.overdue ? "nowrap overdue" : "nowrap"}>{r.dueOn}</td>
                <td className="num">{r.satisfaction ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
