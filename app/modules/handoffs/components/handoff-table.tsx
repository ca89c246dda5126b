import { Link } from "@remix-run/react";
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
  kind: "transfer" | "assist";
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

/** Handoffs as a dense table: the inbox and the project page's panel share it. */
export function HandoffTable({ rows, showProject = true }: { rows: HandoffListItem[]; showProject?: boolean }) {
  const t = useT();
  return (
    <table className="data">
      <thead>
        <tr>
          <th>{t("handoffs.createdAt")}</th>
          <th>{t("handoffs.kind")}</th>
          {showProject ? <th>{t("handoffs.project")}</th> : null}
          <th>{t("handoffs.from")}</th>
          <th>{t("handoffs.to")}</th>
          <th>{t("handoffs.status")}</th>
          <th>{t("handoffs.assignee")}</th>
          <th>{t("handoffs.reason")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((h) => (
          <tr key={h.id} className={h.overdue ? "handoff-overdue" : undefined}>
            <td className="nowrap">
              <Link to={`/handoffs/${h.id}`}>{formatDateTime(h.createdAt)}</Link>
            </td>
            <td className="nowrap">
              {t(`handoffs.kind.${h.kind}`)}
              {h.need ? <div className="muted">{t(`handoffs.need.${h.need as "other"}`)}</div> : null}
            </td>
            {showProject ? (
              <td>
                <Link to={`/handoffs/${h.id}`}>{h.projectName}</Link>
                <div className="muted">{h.projectCode}</div>
              </td>
            ) : null}
            <td>
              {h.fromCompanyName}
              <div className="muted">{h.requestedByName}</div>
            </td>
            <td>{h.toCompanyName}</td>
            <td>
              <HandoffStatusBadge status={h.status} overdue={h.overdue} />
            </td>
            <td className="nowrap">{h.assigneeName ?? "—"}</td>
            <td>
              {h.reason}
              {h.answerNote ? <div className="muted">{h.answerNote}</div> : null}
              {h.outcome ? <div className="muted">{h.outcome}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
