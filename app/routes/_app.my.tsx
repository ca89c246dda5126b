import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { LightDot, StageBadge } from "~/components/badges";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { todayInZone } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canSeeMyDesk } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { getMyDesk } from "~/modules/projects/my-desk.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeMyDesk(user));
  return getMyDesk(user, todayInZone());
}

type Desk = ReturnType<typeof useLoaderData<typeof loader>>;
type DueRow = Desk["due"][number];
type LightRow = Desk["lights"][number];
const dueColumn = createColumnHelper<DueRow>();
const lightColumn = createColumnHelper<LightRow>();

export default function MyDeskPage() {
  const desk = useLoaderData<typeof loader>();
  const t = useT();
  const dueColumns = useMemo(
    () => [
      dueColumn.accessor("nextActionOn", {
        header: t("projects.nextAction"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => {
          const d = c.row.original;
          return (
            <>
              <span className={d.overdueDays > 0 ? "overdue" : undefined}>{c.getValue()}</span>
              <div className="muted">{d.overdueDays > 0 ? t("home.overdueDays", { n: d.overdueDays }) : t("home.dueTodayBadge")}</div>
            </>
          );
        },
      }),
      dueColumn.accessor("name", {
        header: t("projects.name"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <Link to={`/projects/${c.row.original.id}`}>{c.getValue()}</Link>
            <div className="muted">{c.row.original.nextAction}</div>
          </>
        ),
      }),
    ],
    [t],
  );
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
          <div className="value">{desk.due.length}</div>
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
        <section className="panel">
          <h2>{t("home.dueToday")}</h2>
          {desk.due.length === 0 ? <p className="muted">{t("home.none")}</p> : null}
          {desk.due.length ? <DataTable<DueRow> data={desk.due} columns={dueColumns} emptyText="" getRowId={(d) => String(d.id)} /> : null}
        </section>
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
