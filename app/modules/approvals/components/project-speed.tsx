// The province's headline figures for one project ("从注册到开工 N 天", "从开工到投产 N 天") and its approvals'
// speed, with what each counts said on the page; a missing date is named, never shown as 0 days (issue 21 item 4).
import { Fragment } from "react";
import type { MessageKey } from "~/lib/i18n";
import { useT } from "~/lib/use-i18n";
import type { ProjectDates } from "../speed-rules";
import { approvalDays, approvalSpeed, PROJECT_SPANS, projectSpans } from "../speed-rules";

const DATE_LABELS: Record<keyof ProjectDates, MessageKey> = {
  registeredOn: "projects.registeredOn",
  signedOn: "projects.signedOn",
  constructionOn: "projects.constructionOn",
  productionOn: "projects.productionOn",
};

type Item = { id: number; name: string; allowedDays: number; submittedOn: string | null; approvedOn: string | null; notApplicable: boolean };

export function ProjectSpeed({ project, items }: { project: ProjectDates; items: Item[] }) {
  const t = useT();
  const spans = projectSpans(project);
  const granted = items.flatMap((i) => {
    const days = approvalDays(i);
    return days === null ? [] : [{ id: i.id, days, on: i.approvedOn!, allowedDays: i.allowedDays, name: i.name }];
  });
  const speed = approvalSpeed(granted);
  return (
    <section className="panel" id="speed" data-testid="project-speed">
      <h2>{t("project.speed.title")}</h2>
      <dl className="facts">
        {PROJECT_SPANS.map((span) => (
          <Fragment key={span}>
            <dt>{t(`project.speed.${span}`)}</dt>
            <dd data-testid={`speed-${span}`}>
              {spans[span].days === null ? (
                <span className="muted">{t("project.speed.missing", { dates: spans[span].missing.map((k) => t(DATE_LABELS[k])).join("、") })}</span>
              ) : (
                <strong>{t("project.speed.days", { days: String(spans[span].days) })}</strong>
              )}
            </dd>
          </Fragment>
        ))}
        {items.length ? (
          <>
            <dt>{t("project.speed.approvals")}</dt>
            <dd data-testid="speed-approvals">
              {speed.slowest
                ? t("project.speed.approvalsGranted", {
                    n: String(speed.count),
                    median: speed.medianDays ?? "—",
                    within: String(speed.withinAllowed),
                    name: speed.slowest.name,
                    days: String(speed.slowest.days),
                    allowed: String(speed.slowest.allowedDays),
                  })
                : t("project.speed.approvalsNone")}
            </dd>
          </>
        ) : null}
      </dl>
      <p className="muted small">{t("project.speed.note")}</p>
    </section>
  );
}
