import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
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

const column = createColumnHelper<Row>();

/** The enterprise requests of one project, on the project page. */
export function ServiceRequestsPanel({ projectId, rows, canLog }: { projectId: number; rows: Row[]; canLog: boolean }) {
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("type", {
        header: t("service.type"),
        meta: { cardTitle: true, className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => <Link to={`/service-requests/${c.row.original.id}`}>{t(`service.type.${c.getValue()}`)}</Link>,
      }),
      column.accessor("description", {
        header: t("service.description"),
        cell: (c) => (c.getValue().length > 40 ? `${c.getValue().slice(0, 40)}…` : c.getValue()),
      }),
      column.accessor("handlingCompany", {
        header: t("service.handlingCompany"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => (
          <>
            {c.getValue()}
            {c.row.original.handler ? <div className="muted">{c.row.original.handler}</div> : null}
          </>
        ),
      }),
      column.accessor("status", {
        header: t("service.status"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <span className="badge">{t(`service.status.${c.getValue()}`)}</span>
            {c.row.original.overdue ? <span className="badge status-lost"> {t("service.overdue")}</span> : null}
          </>
        ),
      }),
      column.accessor("dueOn", {
        header: t("service.dueOn"),
        cell: (c) => <span className={c.row.original.overdue ? "nowrap overdue" : "nowrap"}>{c.getValue()}</span>,
      }),
      column.accessor("satisfaction", { header: t("service.satisfaction"), meta: { numeric: true } satisfies ColumnMeta }),
    ],
    [t],
  );
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
        <DataTable<Row> data={rows} columns={columns} emptyText={t("service.none")} getRowId={(r) => String(r.id)} />
      )}
    </section>
  );
}
