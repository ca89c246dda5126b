import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime } from "~/lib/dates";
import type { HANDOFF_STATUSES } from "~/lib/domain-values";
import { useT } from "~/lib/use-i18n";

type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export function HandoffStatusBadge({ status, overdue }: { status: HandoffStatus; overdue?: boolean }) {
  const t = useT();
  return (
    <span className="nowrap">
      <span className={`badge handoff-${status}`}>{t(`handoffs.status.${status}`)}</span>
      {overdue ? <span className="badge overdue">{t("handoffs.overdue")}</span> : null}
    </span>
  );
}

export type HandoffListItem = {
  id: number;
  kind: "transfer" | "assist" | "cofollow";
  status: HandoffStatus;
  projectId: number;
  projectName: string;
  projectCode: string;
  fromCompanyName: string;
  toCompanyName: string;
  requestedByName: string;
  reason: string;
  need: string | null;
  assigneeName: string | null;
  answerNote: string | null;
  outcome: string | null;
  createdAt: string;
  overdue: boolean;
};

const column = createColumnHelper<HandoffListItem>();

/** Handoffs as a dense table: the inbox and the project page's panel share it. */
export function HandoffTable({ rows, showProject = true }: { rows: HandoffListItem[]; showProject?: boolean }) {
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("createdAt", {
        header: t("handoffs.createdAt"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => <Link to={`/handoffs/${c.row.original.id}`}>{formatDateTime(c.getValue())}</Link>,
      }),
      column.accessor("kind", {
        header: t("handoffs.kind"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => (
          <>
            {t(`handoffs.kind.${c.getValue()}`)}
            {c.row.original.need ? <div className="muted">{t(`handoffs.need.${c.row.original.need as "other"}`)}</div> : null}
          </>
        ),
      }),
      column.accessor("projectName", {
        id: "project",
        header: t("handoffs.project"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <Link to={`/handoffs/${c.row.original.id}`}>{c.getValue()}</Link>
            <div className="muted">{c.row.original.projectCode}</div>
          </>
        ),
      }),
      column.accessor("fromCompanyName", {
        header: t("handoffs.from"),
        cell: (c) => (
          <>
            {c.getValue()}
            <div className="muted">{c.row.original.requestedByName}</div>
          </>
        ),
      }),
      column.accessor("toCompanyName", { header: t("handoffs.to") }),
      column.accessor("status", {
        header: t("handoffs.status"),
        cell: (c) => <HandoffStatusBadge status={c.getValue()} overdue={c.row.original.overdue} />,
      }),
      column.accessor("assigneeName", { header: t("handoffs.assignee"), meta: { className: "nowrap" } satisfies ColumnMeta }),
      column.accessor("reason", {
        header: t("handoffs.reason"),
        cell: (c) => (
          <>
            {c.getValue()}
            {c.row.original.answerNote ? <div className="muted">{c.row.original.answerNote}</div> : null}
            {c.row.original.outcome ? <div className="muted">{c.row.original.outcome}</div> : null}
          </>
        ),
      }),
    ],
    [t],
  );
  return (
    <DataTable<HandoffListItem>
      data={rows}
      columns={columns}
      hidden={showProject ? [] : ["project"]}
      emptyText={t("common.noRows")}
      getRowId={(h) => String(h.id)}
      rowClassName={(h) => (h.overdue ? "handoff-overdue" : undefined)}
    />
  );
}
