// The project page's checklist of approvals as a timeline (phone-first): each item with its light, its dates and
// its agent; an item opens its own page to be worked.
import { Link } from "@remix-run/react";
import { useT } from "~/lib/use-i18n";
import type { ApprovalLight } from "../approval-rules";
import { ApprovalLightBadge } from "./approval-light";

export type TimelineItem = {
  id: number;
  name: string;
  authority: string;
  allowedDays: number;
  commitment: boolean;
  requiredForConstruction: boolean;
  agentName: string | null;
  submittedOn: string | null;
  acceptedOn: string | null;
  approvedOn: string | null;
  plannedSubmitOn: string | null;
  dueOn: string | null;
  notApplicable: boolean;
  notApplicableReason: string | null;
  light: ApprovalLight;
  blockers: { escalatedAt: string | null; resolvedAt: string | null }[];
};

export function ChecklistTimeline({ projectId, items, canEdit }: { projectId: number; items: TimelineItem[]; canEdit: boolean }) {
  const t = useT();
  const done = items.filter((i) => i.light === "done").length;
  const na = items.filter((i) => i.notApplicable).length;
  return (
    <section className="panel" id="approvals">
      <div className="page-head">
        <h2>{t("approvals.title")}</h2>
        {canEdit ? (
          <Link to={`/projects/${projectId}/approvals/new`} className="button">
            {t("approvals.add")}
          </Link>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="muted">{t("approvals.none")}</p>
      ) : (
        <>
          <p className="muted small">{t("approvals.summary", { total: items.length, done, na })}</p>
          <ol className="timeline approvals-timeline">
            {items.map((i) => {
              const escalated = i.blockers.some((b) => b.escalatedAt && !b.resolvedAt);
              const open = i.blockers.some((b) => !b.resolvedAt);
              return (
                <li key={i.id} data-approval={i.name}>
                  <div>
                    <Link to={`/projects/${projectId}/approvals/${i.id}`}>
                      <strong>{i.name}</strong>
                    </Link>{" "}
                    <ApprovalLightBadge light={i.light} />
                    {i.requiredForConstruction ? <span className="badge">{t("approvals.requiredShort")}</span> : null}
                    {i.commitment ? <span className="badge">{t("approvals.commitmentShort")}</span> : null}
                    {escalated ? (
                      <span className="badge status-lost">{t("approvals.escalated")}</span>
                    ) : open ? (
                      <span className="badge status-on_hold">{t("approvals.blocked")}</span>
                    ) : null}
                  </div>
                  <div className="meta">
                    {i.authority} · {t("approvals.allowedDaysShort", { days: i.allowedDays })} · {t("approvals.agent")} {i.agentName ?? "—"}
                  </div>
                  <div className="meta">
                    {i.notApplicable
                      ? t("approvals.notApplicableBecause", { reason: i.notApplicableReason ?? "—" })
                      : [
                          `${t("approvals.submittedOn")} ${i.submittedOn ?? (i.plannedSubmitOn ? t("approvals.plannedOn", { on: i.plannedSubmitOn }) : "—")}`,
                          `${t("approvals.acceptedOn")} ${i.acceptedOn ?? "—"}`,
                          `${t("approvals.approvedOn")} ${i.approvedOn ?? (i.dueOn ? t("approvals.dueOn", { on: i.dueOn }) : "—")}`,
                        ].join(" · ")}
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
