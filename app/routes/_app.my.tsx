import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { LightDot, StageBadge } from "~/components/badges";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { todayInZone } from "~/lib/dates";
import { clock } from "~/lib/clock";
import { toId } from "~/lib/result";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeMyDesk } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { COMPLETE_INTENT } from "~/modules/projects/components/complete-action-button";
import { DeskAgenda } from "~/modules/projects/components/desk-agenda";
import { DeskTodoList } from "~/modules/projects/components/desk-todo-list";
import { getMyDesk } from "~/modules/projects/my-desk.server";
import { myApprovalItems } from "~/modules/approvals/approvals.server";
import { ApprovalLightBadge } from "~/modules/approvals/components/approval-light";
import { completeDeskNextAction } from "~/modules/projects/project-activities.server";
import { invariantResponse, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeMyDesk(user));
  const [desk, approvals] = await Promise.all([getMyDesk(user, todayInZone(clock.now())), myApprovalItems(user)]);
  // The approval items the viewer is the agent (代办员) of, still open (issue 21).
  return { ...desk, approvals };
}

/** 完成 on a to-do row: whoever may edit its project (else 404). A fetcher's post stays on the page; a plain one redirects back. */
export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canSeeMyDesk(user));
  invariantResponse(form.get("intent") === COMPLETE_INTENT, 400);
  const activityId = toId(form.get("activityId"));
  invariantResponse(activityId !== null);
  const result = throwIfRefused(await completeDeskNextAction(user, activityId));
  const t = await getTranslator(request);
  const message = t("todo.completed", { action: result.value.action });
  if (form.get("inPlace") === "1") return { done: { activityId, message } };
  return redirect("/my", { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) } });
}

type Desk = ReturnType<typeof useLoaderData<typeof loader>>;
type LightRow = Desk["lights"][number];
const lightColumn = createColumnHelper<LightRow>();

export default function MyDeskPage() {
  const desk = useLoaderData<typeof loader>();
  const t = useT();
  const lightColumns = useMemo(
    () => [
      lightColumn.accessor("light", {
        header: t("projects.light"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => <LightDot light={c.getValue()} />,
      }),
      lightColumn.accessor("name", {
        header: t("projects.name"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => <Link to={`/projects/${c.row.original.id}`}>{c.getValue()}</Link>,
      }),
      lightColumn.accessor("stage", { header: t("projects.stage"), cell: (c) => <StageBadge stage={c.getValue()} /> }),
    ],
    [t],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("home.title")}</h1>
        <div className="head-actions">
          <Link to="/projects?owner=me">{t("home.allMine")}</Link>
          <Link to="/projects/new" className="button primary">
            {t("projects.new")}
          </Link>
        </div>
      </div>
      <div className="kpis">
        <div className="kpi">
          <div className="label">{t("home.myProjects")}</div>
          <div className="value">{desk.counts.all}</div>
          <div className="sub">
            {t("home.activeProjects")} {desk.counts.active}
          </div>
        </div>
        <div className="kpi">
          <div className="label">{t("home.dueToday")}</div>
          <div className="value">{desk.actions.filter((a) => a.bucket !== "week").length}</div>
        </div>
        <div className="kpi">
          <div className="label">{t("home.red")}</div>
          <div className="value">{desk.counts.red}</div>
        </div>
        <div className="kpi">
          <div className="label">{t("home.yellow")}</div>
          <div className="value">{desk.counts.yellow}</div>
        </div>
      </div>
      <div className="two-col">
        <div>
          <section className="panel" id="todo">
            <h2>{t("todo.title")}</h2>
            <DeskTodoList rows={desk.actions} />
          </section>
          <DeskAgenda days={desk.agenda} />
          <section className="panel" id="my-approvals">
            <h2>{t("approvals.myItems")}</h2>
            <p className="muted small">{t("approvals.myItemsHint")}</p>
            {desk.approvals.length === 0 ? <p className="muted">{t("home.none")}</p> : null}
            <ul className="timeline">
              {desk.approvals.map((a) => (
                <li key={a.id}>
                  <Link to={`/projects/${a.projectId}/approvals/${a.id}`}>{a.name}</Link> <ApprovalLightBadge light={a.light} />
                  <div className="meta">
                    {a.projectName}
                    {a.dueOn
                      ? ` · ${t("approvals.dueOn", { on: a.dueOn })}`
                      : a.plannedSubmitOn
                        ? ` · ${t("approvals.plannedOn", { on: a.plannedSubmitOn })}`
                        : ""}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div>
          <section className="panel">
            <h2>{t("home.lights")}</h2>
            {desk.lights.length === 0 ? <p className="muted">{t("home.none")}</p> : null}
            {desk.lights.length ? (
              <DataTable<LightRow> data={desk.lights} columns={lightColumns} emptyText="" getRowId={(l) => String(l.id)} />
            ) : null}
          </section>
          <section className="panel">
            <h2>{t("home.recent")}</h2>
            {desk.recent.length === 0 ? <p className="muted">{t("home.none")}</p> : null}
            <ul className="timeline">
              {desk.recent.map((a) => (
                <li key={a.id}>
                  <div className="meta">
                    {a.occurredOn} · {t(`activity.${a.kind}`)} · <Link to={`/projects/${a.projectId}`}>{a.projectName}</Link>
                  </div>
                  <div>{a.summary}</div>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </>
  );
}
